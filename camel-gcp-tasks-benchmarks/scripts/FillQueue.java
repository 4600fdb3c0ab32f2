import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.CloudTasksSettings;
import com.google.cloud.tasks.v2.CreateTaskRequest;
import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.Task;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;

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
        ByteString body = ByteString.copyFrom(new byte[Integer.parseInt(args[3])]);
        CloudTasksSettings settings = CloudTasksSettings.newBuilder()
                .setCredentialsProvider(NoCredentialsProvider.create())
                .setTransportChannelProvider(InstantiatingGrpcChannelProvider.newBuilder().setEndpoint(target)
                        .setChannelConfigurator(ManagedChannelBuilder::usePlaintext).build())
                .build();
        try (CloudTasksClient client = CloudTasksClient.create(settings)) {
            client.pauseQueue(queue);
            Semaphore slots = new Semaphore(64);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long start = System.nanoTime();
            for (int i = 0; i < count && failure.get() == null; i++) {
                slots.acquire();
                ApiFuture<Task> call = client.createTaskCallable().futureCall(CreateTaskRequest.newBuilder()
                        .setParent(queue)
                        .setTask(Task.newBuilder().setHttpRequest(HttpRequest.newBuilder()
                                .setUrl("http://127.0.0.1:9/unreachable").setHttpMethod(HttpMethod.POST)
                                .setBody(body)))
                        .build());
                ApiFutures.addCallback(call, new ApiFutureCallback<>() {
                    @Override
                    public void onFailure(Throwable t) {
                        failure.compareAndSet(null, t);
                        slots.release();
                    }

                    @Override
                    public void onSuccess(Task created) {
                        slots.release();
                    }
                }, MoreExecutors.directExecutor());
            }
            if (!slots.tryAcquire(64, 60, TimeUnit.SECONDS) || failure.get() != null) {
                throw new IllegalStateException("filling " + queue + " failed", failure.get());
            }
            System.out.printf("queued %d tasks in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
        }
    }
}
