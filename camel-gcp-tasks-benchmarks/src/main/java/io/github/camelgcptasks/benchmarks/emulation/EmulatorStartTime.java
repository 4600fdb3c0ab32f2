package io.github.camelgcptasks.benchmarks.emulation;

import java.io.IOException;
import java.util.List;

import com.google.cloud.tasks.v2.CloudTasksClient;
import io.github.camelgcptasks.benchmarks.Names;
import io.github.camelgcptasks.benchmarks.RawClient;
import io.github.camelgcptasks.benchmarks.RunSettings;
import io.github.camelgcptasks.benchmarks.StandaloneEmulator;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;

/**
 * What starting an emulator costs, three ways users pay it: the standalone jar from process start to its first
 * answered RPC (every {@code java -jar} in a CI job), with default JVM settings and with the flags and class-data
 * archive docs/emulator.md gives; {@code start()} in a JVM that has already started one (the second and later test
 * classes); and the JUnit extension around one test class, its {@code beforeAll} and {@code afterAll}. Each is the
 * median of {@link RunSettings#startRuns()} runs.
 */
public final class EmulatorStartTime {

    private static final String QUEUE = Names.queuePath("start");

    /** Milliseconds, each run in the order taken. */
    public record Result(double[] standaloneMillis, double[] standaloneTunedMillis, double[] secondStartMillis,
            double[] extensionMillis, String launchedFrom, List<String> tunedFlags) {
    }

    private EmulatorStartTime() {
    }

    public static Result measure(RunSettings settings) throws IOException, InterruptedException {
        int runs = settings.startRuns();
        // the archive made before the clock runs, as the emulator's build makes it
        List<String> tuned = StandaloneEmulator.documentedFlagsWithArchive();
        double[] standalone = new double[runs];
        double[] standaloneTuned = new double[runs];
        String launchedFrom = null;
        // alternated, so that both see the same moments of a shared machine
        for (int i = 0; i < runs; i++) {
            launchedFrom = startStandalone(List.of(), standalone, i);
            startStandalone(tuned, standaloneTuned, i);
        }
        // one start first, so that the timed ones are the second and later in this JVM
        CloudTasksEmulator.builder().host(Names.HOST).port(0).queue(QUEUE).build().start().stop();
        double[] second = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            CloudTasksEmulator emulator = CloudTasksEmulator.builder().host(Names.HOST).port(0).queue(QUEUE).build()
                    .start();
            second[i] = (System.nanoTime() - start) / 1e6;
            emulator.stop();
        }
        double[] extension = new double[runs];
        for (int i = 0; i < runs; i++) {
            CloudTasksEmulatorExtension perClass = CloudTasksEmulatorExtension.withQueues(QUEUE);
            long start = System.nanoTime();
            // neither callback reads its context
            perClass.beforeAll(null);
            perClass.afterAll(null);
            extension[i] = (System.nanoTime() - start) / 1e6;
        }
        return new Result(standalone, standaloneTuned, second, extension, launchedFrom, tuned);
    }

    /** One start of the jar with these flags, timed into {@code millis[run]}; answers how it was launched. */
    private static String startStandalone(List<String> jvmFlags, double[] millis, int run) throws IOException {
        // the client exists before the process: its own start-up is not the emulator's
        try (StandaloneEmulator process = StandaloneEmulator.start(jvmFlags, List.of(QUEUE), true)) {
            try (CloudTasksClient client = RawClient.connect(process.grpcEndpoint())) {
                millis[run] = process.awaitReady(client) / 1e6;
            }
            return process.launchedFrom();
        }
    }
}
