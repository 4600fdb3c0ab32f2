package io.github.camelgcptasks.benchmarks.loop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import io.github.camelgcptasks.benchmarks.EmulatorFixture;
import io.github.camelgcptasks.benchmarks.Percentiles;
import io.github.camelgcptasks.benchmarks.RunSettings;

/**
 * Time from creating a task to its route starting, at steady offered rates, one after the other on the same emulator
 * and Camel context (the highest rate first, so the slower ones run on warm code). Each task is timed from when it was
 * due to be sent, not from when the sender got round to it, so a stalled sender shows up as latency instead of hiding
 * it (coordinated omission). At each rate tasks are offered for a warm-up before any is timed.
 */
public final class DeliveryLatency {

    /** Latencies in milliseconds at one rate, over the measured tasks (the warm-up tasks are left out). */
    public record Result(int ratePerSecond, double p50Millis, double p99Millis, double maxMillis, int samples,
            long duplicates, String emulator, double senderLateP99Millis) {
    }

    /** How long before a due time the sender stops parking and spins; longer than a park's usual lateness. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(300);

    private DeliveryLatency() {
    }

    /**
     * @param separateProcess run the emulator from its standalone jar in a JVM of its own, as most users do
     * @return one result per rate of {@link RunSettings#latencyRatesPerSecond()}, in that order
     */
    public static List<Result> measure(RunSettings settings, boolean separateProcess) throws Exception {
        List<Integer> rates = settings.latencyRatesPerSecond();
        int[] firsts = new int[rates.size()];
        int[] warmups = new int[rates.size()];
        int total = 0;
        for (int phase = 0; phase < rates.size(); phase++) {
            int rate = rates.get(phase);
            firsts[phase] = total;
            warmups[phase] = (int) (rate * settings.latencyWarmup().toMillis() / 1000);
            total += warmups[phase] + (int) (rate * settings.latencyMeasure().toMillis() / 1000);
        }
        AtomicLongArray latencies = new AtomicLongArray(total);
        long[] senderLateness = new long[total];
        Arrivals arrivals = new Arrivals(total);
        String emulatorDescription;
        try (EmulatorFixture emulator = LoopQueues.startEmulator(separateProcess)) {
            emulatorDescription = emulator.describe();
            try (CamelLoop loop = CamelLoop.start(emulator, List.of(LoopQueues.QUEUE_ID), exchange -> {
                long now = System.nanoTime();
                Stamp stamp = Stamp.parse(exchange.getMessage().getBody(String.class));
                // the first delivery counts; a redelivery would be a retry, not this task's latency
                latencies.compareAndSet(stamp.sequence(), 0, Math.max(1, now - stamp.createdNanos()));
                arrivals.arrive(stamp.sequence());
            })) {
                for (int phase = 0; phase < rates.size(); phase++) {
                    int end = phase + 1 < rates.size() ? firsts[phase + 1] : total;
                    offer(loop, firsts[phase], end, rates.get(phase), senderLateness);
                    if (!arrivals.await(end, 60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("only " + arrivals.distinct() + " of " + end
                                + " tasks reached the route within 60 s");
                    }
                }
                loop.awaitSent(30, TimeUnit.SECONDS);
                LoopQueues.awaitCompleted(emulator);
            }
        }
        List<Result> results = new ArrayList<>();
        for (int phase = 0; phase < rates.size(); phase++) {
            int from = firsts[phase] + warmups[phase];
            int to = phase + 1 < rates.size() ? firsts[phase + 1] : total;
            long[] measured = new long[to - from];
            for (int i = from; i < to; i++) {
                measured[i - from] = latencies.get(i);
            }
            Percentiles percentiles = new Percentiles(measured, measured.length);
            Percentiles late = new Percentiles(Arrays.copyOfRange(senderLateness, from, to), to - from);
            results.add(new Result(rates.get(phase), percentiles.at(50) / 1e6, percentiles.at(99) / 1e6,
                    percentiles.at(100) / 1e6, percentiles.count(), arrivals.duplicates(), emulatorDescription,
                    late.at(99) / 1e6));
        }
        return results;
    }

    /**
     * Sends tasks {@code from} to {@code to} (exclusive) at a steady {@code rate}, each stamped with its due time. The
     * sender parks until shortly before each due time and spins the rest: a park alone wakes 0.1 to 0.2 ms late on a
     * virtual machine, and with due-time stamps that lateness of the load generator would count as the loop's latency.
     */
    private static void offer(CamelLoop loop, int from, int to, int rate, long[] lateness)
            throws InterruptedException {
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        for (int i = from; i < to; i++) {
            long due = start + (i - from) * interval;
            for (long wait = due - System.nanoTime(); wait > SPIN_NANOS; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait - SPIN_NANOS);
            }
            long now = System.nanoTime();
            while (now - due < 0) {
                Thread.onSpinWait();
                now = System.nanoTime();
            }
            lateness[i] = now - due;
            loop.send(i, new Stamp(i, due).body());
        }
    }
}
