package io.github.camelgcptasks.benchmarks.paired;

import java.util.List;

import com.google.cloud.tasks.v2.CloudTasksClient;
import io.github.camelgcptasks.benchmarks.EmulatorFixture;
import io.github.camelgcptasks.benchmarks.Names;
import io.github.camelgcptasks.benchmarks.RawClient;
import io.github.camelgcptasks.benchmarks.RunSettings;
import io.github.camelgcptasks.benchmarks.server.TrivialTasksServer;

/**
 * The emulator's CreateTask path against its floor: the raw client with 64 calls in flight, alternately against the
 * emulator (paused queue, purged after every slice, the purged names forgotten) and against a trivial server that only names and returns the
 * task. Whatever the emulator costs beyond the trivial server is its own work: validation, naming, storage,
 * scheduling.
 */
public final class EmulatorCreatePath {

    private static final String QUEUE_ID = "bench";

    private EmulatorCreatePath() {
    }

    public static PairedComparison.Result measure(RunSettings settings) throws Exception {
        String queue = Names.queuePath(QUEUE_ID);
        try (EmulatorFixture emulator = EmulatorFixture.startForgettingPurgedNames(List.of(QUEUE_ID));
                TrivialTasksServer trivial = TrivialTasksServer.start(Names.HOST);
                CloudTasksClient trivialClient = RawClient.connect(trivial.grpcEndpoint())) {
            emulator.pause(QUEUE_ID);
            return PairedComparison.measure(settings, CreateLoads.rawAsync(emulator.client(), queue),
                    CreateLoads.rawAsync(trivialClient, queue), () -> emulator.purge(QUEUE_ID));
        }
    }
}
