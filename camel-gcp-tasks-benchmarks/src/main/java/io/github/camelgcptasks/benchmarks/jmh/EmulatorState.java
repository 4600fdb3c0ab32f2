package io.github.camelgcptasks.benchmarks.jmh;

import java.util.List;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.ByteString;
import io.github.camelgcptasks.benchmarks.EmulatorFixture;
import io.github.camelgcptasks.benchmarks.Names;
import io.github.camelgcptasks.benchmarks.Payload;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * An emulator with one paused queue: creation is measured alone, with no dispatching competing for the 2 cores.
 * Purging after every iteration keeps the queue, and so the heap, from growing across the run.
 */
@State(Scope.Benchmark)
public class EmulatorState {

    static final String QUEUE_ID = "bench";

    EmulatorFixture fixture;
    CloudTasksClient client;
    String queue;

    @Setup(Level.Trial)
    public void start() {
        fixture = EmulatorFixture.start(List.of(QUEUE_ID));
        fixture.pause(QUEUE_ID);
        client = fixture.client();
        queue = Names.queuePath(QUEUE_ID);
    }

    @TearDown(Level.Iteration)
    public void purge() {
        fixture.purge(QUEUE_ID);
    }

    @TearDown(Level.Trial)
    public void stop() {
        fixture.close();
    }

    /** Built per call, as a user's code would, so the raw path pays the same body copy as the component. */
    static Task newTask() {
        return Task.newBuilder()
                .setHttpRequest(HttpRequest.newBuilder()
                        .setUrl(Payload.UNREACHABLE_URL)
                        .setHttpMethod(HttpMethod.POST)
                        .setBody(ByteString.copyFromUtf8(Payload.SMALL)))
                .build();
    }
}
