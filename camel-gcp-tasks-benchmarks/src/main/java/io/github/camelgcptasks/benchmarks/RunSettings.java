package io.github.camelgcptasks.benchmarks;

import java.time.Duration;

/**
 * How long and how big each measure runs. The full run takes about ten minutes on 2 cores, most of it warm-up: the
 * JIT needs tens of seconds of load on 2 cores before a figure stops climbing (see docs/benchmarks.md). The smoke run
 * only proves every measure still produces a number, so CI catches a harness that rotted, never a slow machine.
 *
 * @param jmhRounds           times each JMH benchmark is forked; the second round runs the benchmarks in reverse
 *                            order, so a machine that slows down or speeds up during the run does not favour the
 *                            benchmark that ran first in a value/baseline pair
 * @param endToEndFirstTasks  tasks sent before anything is timed: opens connections, loads classes
 * @param endToEndTasks       tasks in one timed batch
 * @param endToEndWarmup      how long batches keep running, after the first timed batch, before the warm ones
 * @param endToEndWarmBatches timed batches after the warm-up; the table reports their median
 */
public record RunSettings(
        boolean smoke,
        int jmhRounds,
        int jmhForks,
        int jmhWarmupIterations,
        Duration jmhWarmupTime,
        int jmhMeasurementIterations,
        Duration jmhMeasurementTime,
        int endToEndFirstTasks,
        int endToEndTasks,
        Duration endToEndWarmup,
        int endToEndWarmBatches,
        int latencyRatePerSecond,
        Duration latencyWarmup,
        Duration latencyMeasure,
        int memoryTasks,
        int memoryTaskBytes,
        int memoryHeapMegabytes,
        double rateLimitPerSecond,
        Duration rateLimitSkip,
        Duration rateLimitWindow) {

    /** The figures the issue asks for. */
    public static RunSettings fullRun() {
        return new RunSettings(false, 2, 1, 5, Duration.ofSeconds(4), 4, Duration.ofSeconds(4),
                3_000, 30_000, Duration.ofSeconds(60), 3,
                500, Duration.ofSeconds(5), Duration.ofSeconds(10),
                100_000, 1024, 512,
                100, Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    /** A few seconds: every code path once, small counts, JMH in-process. */
    public static RunSettings smokeRun() {
        return new RunSettings(true, 1, 0, 0, Duration.ZERO, 1, Duration.ofMillis(300),
                50, 200, Duration.ZERO, 1,
                500, Duration.ofMillis(200), Duration.ofMillis(600),
                500, 1024, 512,
                100, Duration.ofSeconds(1), Duration.ofSeconds(1));
    }
}
