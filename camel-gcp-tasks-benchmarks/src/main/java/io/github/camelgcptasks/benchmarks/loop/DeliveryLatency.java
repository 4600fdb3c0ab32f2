package io.github.camelgcptasks.benchmarks.loop;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import io.github.camelgcptasks.benchmarks.EmulatorFixture;
import io.github.camelgcptasks.benchmarks.Percentiles;
import io.github.camelgcptasks.benchmarks.RunSettings;

/**
 * Time from creating a task to its route starting, at a steady offered rate. Each task is timed from when it was due
 * to be sent, not from when the sender got round to it, so a stalled sender shows up as latency instead of hiding
 * it (coordinated omission).
 */
public final class DeliveryLatency {

    /** Result: latencies in milliseconds over the measured tasks (the warm-up tasks are left out). */
    public record Result(double p50Millis, double p99Millis, double maxMillis, int samples, long duplicates) {
    }

    private DeliveryLatency() {
    }

    public static Result measure(RunSettings settings) throws Exception {
        int rate = settings.latencyRatePerSecond();
        int warmup = (int) (rate * settings.latencyWarmup().toMillis() / 1000);
        int total = warmup + (int) (rate * settings.latencyMeasure().toMillis() / 1000);
        AtomicLongArray latencies = new AtomicLongArray(total);
        Arrivals arrivals = new Arrivals(total);
        try (EmulatorFixture emulator = LoopQueues.startEmulator()) {
            try (CamelLoop loop = CamelLoop.start(emulator, List.of(LoopQueues.QUEUE_ID), exchange -> {
                long now = System.nanoTime();
                Stamp stamp = Stamp.parse(exchange.getMessage().getBody(String.class));
                // the first delivery counts; a redelivery would be a retry, not this task's latency
                latencies.compareAndSet(stamp.sequence(), 0, Math.max(1, now - stamp.createdNanos()));
                arrivals.arrive(stamp.sequence());
            })) {
                long interval = 1_000_000_000L / rate;
                long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
                for (int i = 0; i < total; i++) {
                    long due = start + i * interval;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    loop.send(i, new Stamp(i, due).body());
                }
                if (!arrivals.await(total, 60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("only " + arrivals.distinct() + " of " + total
                            + " tasks reached the route within 60 s");
                }
                loop.awaitSent(30, TimeUnit.SECONDS);
                LoopQueues.awaitCompleted(emulator);
            }
        }
        long[] measured = new long[total - warmup];
        for (int i = warmup; i < total; i++) {
            measured[i - warmup] = latencies.get(i);
        }
        Percentiles percentiles = new Percentiles(measured, measured.length);
        return new Result(percentiles.at(50) / 1e6, percentiles.at(99) / 1e6, percentiles.at(100) / 1e6,
                percentiles.count(), arrivals.duplicates());
    }
}
