package io.github.camelgcptasks.benchmarks.emulation;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import com.google.cloud.tasks.v2.CloudTasksClient;
import io.github.camelgcptasks.benchmarks.Names;
import io.github.camelgcptasks.benchmarks.RawClient;
import io.github.camelgcptasks.benchmarks.RunSettings;
import io.github.camelgcptasks.benchmarks.StandaloneEmulator;

/**
 * The standalone jar's resident memory while idle, as a CI container holds it: started with the small-footprint flags
 * of docs/emulator.md (and once more with its class-data archive too), one RPC answered, then left alone for a few
 * seconds before {@code VmRSS} is read.
 */
public final class EmulatorFootprint {

    private static final String QUEUE = Names.queuePath("footprint");

    /**
     * @param smallFlagsBytes        resident with the small-footprint flags
     * @param smallFlagsArchiveBytes resident with those flags and the class-data archive
     * @param settle                 how long it idled after its first answer
     */
    public record Result(long smallFlagsBytes, long smallFlagsArchiveBytes, Duration settle) {
    }

    private EmulatorFootprint() {
    }

    public static Result measure(RunSettings settings) throws IOException, InterruptedException {
        // the reading is 5 s after the first answer; a smoke run only proves the figure comes out
        Duration settle = settings.smoke() ? Duration.ofMillis(500) : Duration.ofSeconds(5);
        return new Result(idleResident(StandaloneEmulator.SMALL_FOOTPRINT_FLAGS, settle),
                idleResident(StandaloneEmulator.documentedFlagsWithArchive(), settle), settle);
    }

    private static long idleResident(List<String> jvmFlags, Duration settle) throws IOException, InterruptedException {
        try (StandaloneEmulator process = StandaloneEmulator.start(jvmFlags, List.of(QUEUE), true)) {
            try (CloudTasksClient client = RawClient.connect(process.grpcEndpoint())) {
                process.awaitReady(client);
                Thread.sleep(settle.toMillis());
                return process.residentBytes();
            }
        }
    }
}
