package io.github.camelgcptasks.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * How long and how big each measure runs. The full run takes about six minutes on 2 cores, most of it warm-up: the
 * JIT needs tens of seconds of load before a figure stops climbing (see docs/benchmarks.md). The smoke run only proves
 * every measure still produces a number, so CI catches a harness that rotted, never a slow machine.
 *
 * @param pairedWarmup        alternating slices of both sides of a comparison, before any is counted
 * @param pairedSlice         how long one side runs before the other takes over
 * @param pairedPairs         counted pairs of slices per comparison
 * @param endToEndFirstTasks  tasks sent before anything is timed: opens connections, loads classes
 * @param endToEndTasks       tasks in one timed batch
 * @param endToEndWarmup      how long batches keep running, after the first timed batch, before the warm ones
 * @param endToEndWarmBatches timed batches after the warm-up; the table reports their median
 * @param latencyRatesPerSecond the offered rates of the latency measure, in the order they run
 * @param latencyWarmup       how long tasks are offered at each latency rate before any is timed
 * @param latencyMeasure      how long tasks are timed at each latency rate
 * @param startRuns           runs of each start-time measure, and of each side of the cold-create measure; the
 *                            table gives their median
 * @param coldCreates         CreateTask calls timed right after a server process starts
 */
public record RunSettings(
        boolean smoke,
        Duration pairedWarmup,
        Duration pairedSlice,
        int pairedPairs,
        int endToEndFirstTasks,
        int endToEndTasks,
        Duration endToEndWarmup,
        int endToEndWarmBatches,
        List<Integer> latencyRatesPerSecond,
        Duration latencyWarmup,
        Duration latencyMeasure,
        int memoryTasks,
        int memoryTaskBytes,
        int memoryHeapMegabytes,
        double rateLimitPerSecond,
        Duration rateLimitSkip,
        Duration rateLimitWindow,
        int startRuns,
        int coldCreates) {

    /** The figures the issue asks for. */
    public static RunSettings fullRun() {
        return new RunSettings(false, Duration.ofSeconds(30), Duration.ofSeconds(1), 20,
                3_000, 30_000, Duration.ofSeconds(60), 3,
                List.of(500, 100), Duration.ofSeconds(20), Duration.ofSeconds(10),
                100_000, 1024, 512,
                100, Duration.ofSeconds(2), Duration.ofSeconds(10),
                5, 15_000);
    }

    /** A few seconds: every code path once, small counts. */
    public static RunSettings smokeRun() {
        return new RunSettings(true, Duration.ZERO, Duration.ofMillis(200), 2,
                50, 200, Duration.ZERO, 1,
                List.of(500, 100), Duration.ofMillis(200), Duration.ofMillis(600),
                500, 1024, 512,
                100, Duration.ofSeconds(1), Duration.ofSeconds(1),
                1, 300);
    }
}
