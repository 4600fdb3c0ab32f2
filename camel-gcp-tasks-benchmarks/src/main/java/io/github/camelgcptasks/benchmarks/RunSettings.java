package io.github.camelgcptasks.benchmarks;

import java.time.Duration;

/**
 * How long and how big each measure runs. The full run fits in about six minutes on 2 cores; the smoke run only proves
 * every measure still produces a number, so CI catches a harness that rotted, never a slow machine.
 */
public record RunSettings(
        boolean smoke,
        int jmhForks,
        int jmhWarmupIterations,
        Duration jmhWarmupTime,
        int jmhMeasurementIterations,
        Duration jmhMeasurementTime,
        int endToEndWarmupTasks,
        int endToEndTasks,
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
        return new RunSettings(false, 1, 2, Duration.ofSeconds(4), 4, Duration.ofSeconds(5),
                3_000, 30_000,
                500, Duration.ofSeconds(3), Duration.ofSeconds(10),
                100_000, 1024, 512,
                100, Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    /** A few seconds: every code path once, small counts, JMH in-process. */
    public static RunSettings smokeRun() {
        return new RunSettings(true, 0, 0, Duration.ZERO, 1, Duration.ofMillis(300),
                50, 200,
                500, Duration.ofMillis(200), Duration.ofMillis(600),
                500, 1024, 512,
                100, Duration.ofSeconds(1), Duration.ofSeconds(1));
    }
}
