package io.github.camelgcptasks.benchmarks.jmh;

import com.google.cloud.tasks.v2.CloudTasksClient;
import io.github.camelgcptasks.benchmarks.Names;
import io.github.camelgcptasks.benchmarks.RawClient;
import io.github.camelgcptasks.benchmarks.server.TrivialTasksServer;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The baseline server for the emulator's CreateTask path, reached by the same raw client. */
@State(Scope.Benchmark)
public class TrivialServerState {

    TrivialTasksServer server;
    CloudTasksClient client;
    String queue;

    @Setup(Level.Trial)
    public void start() {
        server = TrivialTasksServer.start(Names.HOST);
        client = RawClient.connect(server.grpcEndpoint());
        queue = Names.queuePath(EmulatorState.QUEUE_ID);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        client.close();
        server.close();
    }
}
