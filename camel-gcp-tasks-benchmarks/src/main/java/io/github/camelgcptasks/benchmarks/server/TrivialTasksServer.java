package io.github.camelgcptasks.benchmarks.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.google.cloud.tasks.v2.CloudTasksGrpc;
import com.google.cloud.tasks.v2.CreateTaskRequest;
import com.google.cloud.tasks.v2.PauseQueueRequest;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.Task;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

/**
 * The floor for the emulator's CreateTask path: the same generated gRPC service on the same transport, doing nothing
 * but naming the task and returning it. Whatever the emulator costs beyond this is its own work (validation, storage,
 * scheduling).
 */
public final class TrivialTasksServer implements AutoCloseable {

    static final String READY_LINE = "trivial CloudTasks server listening on port ";

    private final Server server;

    private TrivialTasksServer(Server server) {
        this.server = server;
    }

    public static TrivialTasksServer start(String host) {
        try {
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, 0))
                    // as the emulator: handlers on the transport threads, so only the service logic differs
                    .directExecutor()
                    .addService(new NamingService())
                    .build()
                    .start();
            return new TrivialTasksServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the trivial CloudTasks server", e);
        }
    }

    /**
     * The trivial server in a process of its own, as {@link TrivialServerProcess} starts it: serves on a free loopback
     * port, prints {@value #READY_LINE} and the port on one line, and runs until the process is ended.
     */
    public static void main(String[] args) throws InterruptedException {
        TrivialTasksServer trivial = start(args.length > 0 ? args[0] : "127.0.0.1");
        System.out.println(READY_LINE + trivial.server.getPort());
        System.out.flush();
        trivial.server.awaitTermination();
    }

    public String grpcEndpoint() {
        return ((InetSocketAddress) server.getListenSockets().get(0)).getHostString() + ":" + server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static final class NamingService extends CloudTasksGrpc.CloudTasksImplBase {

        private final AtomicLong ids = new AtomicLong();

        @Override
        public void createTask(CreateTaskRequest request, StreamObserver<Task> response) {
            Task task = request.getTask();
            if (task.getName().isEmpty()) {
                task = task.toBuilder().setName(request.getParent() + "/tasks/" + ids.incrementAndGet()).build();
            }
            response.onNext(task);
            response.onCompleted();
        }

        /** Answered as the emulator answers it, so a measure can pause "its queue" before it creates tasks. */
        @Override
        public void pauseQueue(PauseQueueRequest request, StreamObserver<Queue> response) {
            response.onNext(Queue.newBuilder().setName(request.getName()).setState(Queue.State.PAUSED).build());
            response.onCompleted();
        }
    }
}
