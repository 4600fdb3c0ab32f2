package io.github.camelgcptasks.emulator.cli;

import com.google.cloud.tasks.v2.CloudTasksGrpc;
import com.google.cloud.tasks.v2.CreateTaskRequest;
import com.google.cloud.tasks.v2.DeleteTaskRequest;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.ListQueuesRequest;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.Timestamp;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * One start of the standalone emulator as {@code java -jar} makes it, a few gRPC calls to it, and a stop: the build
 * runs it under {@code -XX:ArchiveClassesAtExit} so that the JDK's class-data archive beside the standalone jar holds
 * the classes of start-up and of the server's side of the first calls, which a later start with
 * {@code -XX:SharedArchiveFile} then maps instead of loading them one by one.
 *
 * <p>The calls come from a second JVM, run without the archive option, so that the archive holds none of the gRPC
 * client's classes: the emulator never uses them, and every archived class costs resident memory at each start.
 *
 * <p>It runs in the build, not for users: {@code java -XX:ArchiveClassesAtExit=FILE -cp STANDALONE_JAR
 * io.github.camelgcptasks.emulator.cli.ClassDataTrainingRun}.
 */
public final class ClassDataTrainingRun {

    private static final String QUEUE = "projects/training/locations/here/queues/start";

    private ClassDataTrainingRun() {
    }

    /** Without arguments: the emulator; with one, {@code host:port}: the calls to it. */
    public static void main(String[] args) throws Exception {
        if (args.length == 1) {
            callEmulator(args[0]);
            return;
        }
        EmulatorCommand command = new EmulatorCommand(new PrintStream(OutputStream.nullOutputStream()));
        new CommandLine(command).parseArgs("--host", "127.0.0.1", "--port", "0", "--queue", QUEUE);
        CloudTasksEmulator emulator = command.start();
        try {
            Process calls = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ClassDataTrainingRun.class.getName(),
                    emulator.grpcEndpoint()).inheritIO().start();
            if (!calls.waitFor(60, TimeUnit.SECONDS) || calls.exitValue() != 0) {
                calls.destroyForcibly();
                throw new IllegalStateException("The training calls to the emulator failed");
            }
        } finally {
            emulator.stop();
        }
        // the archive is written as the JVM exits; the server's threads need not wind down first
        System.exit(0);
    }

    private static void callEmulator(String endpoint) throws InterruptedException {
        ManagedChannel channel = Grpc.newChannelBuilder(endpoint, InsecureChannelCredentials.create()).build();
        try {
            CloudTasksGrpc.CloudTasksBlockingStub tasks = CloudTasksGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(30, TimeUnit.SECONDS);
            tasks.listQueues(ListQueuesRequest.newBuilder().setParent("projects/training/locations/here").build());
            // a task due in an hour, deleted again: the create path without a delivery
            Task task = tasks.createTask(CreateTaskRequest.newBuilder().setParent(QUEUE)
                    .setTask(Task.newBuilder()
                            .setScheduleTime(Timestamp.newBuilder()
                                    .setSeconds(Instant.now().plusSeconds(3600).getEpochSecond()))
                            .setHttpRequest(HttpRequest.newBuilder().setUrl("http://127.0.0.1:9/training")))
                    .build());
            tasks.deleteTask(DeleteTaskRequest.newBuilder().setName(task.getName()).build());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
