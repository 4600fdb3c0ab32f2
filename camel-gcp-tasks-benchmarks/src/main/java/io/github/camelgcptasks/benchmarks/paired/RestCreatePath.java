package io.github.camelgcptasks.benchmarks.paired;

import java.util.List;

import com.google.cloud.tasks.v2.CloudTasksClient;
import io.github.camelgcptasks.benchmarks.EmulatorFixture;
import io.github.camelgcptasks.benchmarks.Names;
import io.github.camelgcptasks.benchmarks.RawClient;
import io.github.camelgcptasks.benchmarks.RunSettings;

/**
 * REST CreateTask against gRPC CreateTask on the same emulator and queue (paused, purged after every slice): the
 * Java client over its HttpJson transport and over gRPC, 64 calls in flight each. The ratio is what a REST caller
 * pays for JSON, HTTP/1.1 and the transcoding, client side included.
 */
public final class RestCreatePath {

    private static final String QUEUE_ID = "bench-rest";

    private RestCreatePath() {
    }

    public static PairedComparison.Result measure(RunSettings settings) throws Exception {
        String queue = Names.queuePath(QUEUE_ID);
        try (EmulatorFixture emulator = EmulatorFixture.start(List.of(QUEUE_ID));
                CloudTasksClient rest = RawClient.connectHttpJson(emulator.restUrl())) {
            emulator.pause(QUEUE_ID);
            return PairedComparison.measure(settings, CreateLoads.rawAsync(rest, queue),
                    CreateLoads.rawAsync(emulator.client(), queue), () -> emulator.purge(QUEUE_ID));
        }
    }
}
