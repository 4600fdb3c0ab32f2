package io.github.camelgcptasks.benchmarks.emulation;

import java.util.List;

import com.google.cloud.tasks.v2.CloudTasksClient;
import io.github.camelgcptasks.benchmarks.Names;
import io.github.camelgcptasks.benchmarks.Payload;
import io.github.camelgcptasks.benchmarks.RawClient;
import io.github.camelgcptasks.benchmarks.RunSettings;
import io.github.camelgcptasks.benchmarks.StandaloneEmulator;
import io.github.camelgcptasks.benchmarks.server.TrivialServerProcess;
import io.github.camelgcptasks.benchmarks.server.TrivialTasksServer;

/**
 * How fast a freshly started emulator takes its first CreateTask calls, as tests mostly meet it: the standalone jar in
 * a new process (default JVM settings), its queue paused, then the first {@link RunSettings#coldCreates()} creations,
 * 64 in flight, 1 KB bodies, timed from the first call to the last answer. The client is warmed first against an
 * in-JVM trivial server, so the figure is the server's cold cost and not the client's. The baseline is the same
 * measure against a freshly started trivial server process: what a JVM and grpc-java cost cold with nothing of the
 * emulator in them. A third series starts the emulator as docs/emulator.md suggests for CI, with its small-footprint
 * flags and the class-data archive. The three kinds of process alternate, {@link RunSettings#startRuns()} of each.
 */
public final class ColdCreateSpeed {

    private static final String QUEUE = Names.queuePath("cold");
    private static final byte[] BODY = Payload.ofSize(1024);
    /** Client warm-up, in multiples of one timed run's creations. */
    private static final int CLIENT_WARMUP_RUNS = 20;

    /** Creations per second of each fresh process, in the order taken, and how the emulator was launched. */
    public record Result(double[] emulatorPerSecond, double[] tunedEmulatorPerSecond, double[] trivialPerSecond,
            int clientWarmupCreates, String launchedFrom) {
    }

    private ColdCreateSpeed() {
    }

    public static Result measure(RunSettings settings) throws Exception {
        int creates = settings.coldCreates();
        int warmup = CLIENT_WARMUP_RUNS * creates;
        try (TrivialTasksServer warm = TrivialTasksServer.start(Names.HOST);
                CloudTasksClient client = RawClient.connect(warm.grpcEndpoint())) {
            TaskFiller.fill(client, QUEUE, warmup, BODY, Payload.UNREACHABLE_URL, null);
        }
        List<String> tunedFlags = StandaloneEmulator.documentedFlagsWithArchive();
        int runs = settings.startRuns();
        double[] emulator = new double[runs];
        double[] tuned = new double[runs];
        double[] trivial = new double[runs];
        String launchedFrom = null;
        for (int i = 0; i < runs; i++) {
            // alternate which goes first, so neither always follows the other's exit
            if (i % 2 != 0) {
                trivial[i] = againstTrivialServer(creates);
            }
            EmulatorRun run = againstEmulator(List.of(), creates);
            emulator[i] = run.perSecond();
            launchedFrom = run.launchedFrom();
            tuned[i] = againstEmulator(tunedFlags, creates).perSecond();
            if (i % 2 == 0) {
                trivial[i] = againstTrivialServer(creates);
            }
        }
        return new Result(emulator, tuned, trivial, warmup, launchedFrom);
    }

    private record EmulatorRun(double perSecond, String launchedFrom) {
    }

    private static EmulatorRun againstEmulator(List<String> jvmFlags, int creates) throws Exception {
        try (StandaloneEmulator process = StandaloneEmulator.start(jvmFlags, List.of(QUEUE), true);
                CloudTasksClient client = RawClient.connect(process.grpcEndpoint())) {
            process.awaitReady(client);
            return new EmulatorRun(timedCreates(client, creates), process.launchedFrom());
        }
    }

    private static double againstTrivialServer(int creates) throws Exception {
        try (TrivialServerProcess process = TrivialServerProcess.start();
                CloudTasksClient client = RawClient.connect(process.grpcEndpoint())) {
            return timedCreates(client, creates);
        }
    }

    /** Pauses the queue (its first RPC also opens the connection), then times the creations. */
    private static double timedCreates(CloudTasksClient client, int creates) throws InterruptedException {
        client.pauseQueue(QUEUE);
        long start = System.nanoTime();
        TaskFiller.fill(client, QUEUE, creates, BODY, Payload.UNREACHABLE_URL, null);
        return creates / ((System.nanoTime() - start) / 1e9);
    }
}
