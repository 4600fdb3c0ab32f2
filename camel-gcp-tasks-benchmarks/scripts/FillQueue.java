import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.CloudTasksSettings;
import io.github.camelgcptasks.benchmarks.emulation.TaskFiller;
import io.grpc.ManagedChannelBuilder;

/**
 * Pauses a queue of a running emulator and queues tasks in it, 64 creations in flight, for measuring the emulator's
 * resident memory with a full queue. Run with the benchmarks jar on the class path:
 * {@code java -cp benchmarks.jar FillQueue.java HOST:PORT QUEUE COUNT BODY_BYTES}.
 */
public class FillQueue {

    public static void main(String[] args) throws Exception {
        String target = args[0];
        String queue = args[1];
        int count = Integer.parseInt(args[2]);
        byte[] body = new byte[Integer.parseInt(args[3])];
        CloudTasksSettings settings = CloudTasksSettings.newBuilder()
                .setCredentialsProvider(NoCredentialsProvider.create())
                .setTransportChannelProvider(InstantiatingGrpcChannelProvider.newBuilder().setEndpoint(target)
                        .setChannelConfigurator(ManagedChannelBuilder::usePlaintext).build())
                .build();
        try (CloudTasksClient client = CloudTasksClient.create(settings)) {
            client.pauseQueue(queue);
            long start = System.nanoTime();
            TaskFiller.fill(client, queue, count, body, "http://127.0.0.1:9/unreachable", null);
            System.out.printf("queued %d tasks in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
        }
    }
}
