package io.github.camelgcptasks.benchmarks.emulation;

import java.util.List;

import io.github.camelgcptasks.benchmarks.EmulatorFixture;
import io.github.camelgcptasks.benchmarks.Names;
import io.github.camelgcptasks.benchmarks.Payload;
import io.github.camelgcptasks.benchmarks.RunSettings;

/**
 * Dispatches per second from a backlogged queue set to a given rate. The queue is filled while paused, then resumed.
 * The opening seconds are skipped: they hold the token bucket's burst and the dispatcher's first HTTP connections,
 * which arrive bunched; the rate is read off the arrival times in the window after.
 */
public final class RateLimitFidelity {

    private static final String QUEUE = "rate";

    /** Result: measured dispatches per second over {@code deliveries} arrivals. */
    public record Result(double perSecond, int deliveries) {
    }

    private RateLimitFidelity() {
    }

    public static Result measure(RunSettings settings) throws Exception {
        double rate = settings.rateLimitPerSecond();
        long skipNanos = settings.rateLimitSkip().toNanos();
        long windowNanos = settings.rateLimitWindow().toNanos();
        // enough backlog that the queue never runs dry inside the window, burst included
        int tasks = (int) Math.ceil(rate * (skipNanos + windowNanos) / 1e9 * 1.2) + 100;
        try (EmulatorFixture emulator = EmulatorFixture.start(List.of(QUEUE));
             CountingHttpTarget target = new CountingHttpTarget(Names.HOST, tasks)) {
            emulator.pause(QUEUE);
            emulator.rateLimits(QUEUE, rate, 1000);
            TaskFiller.fill(emulator.client(), Names.queuePath(QUEUE), tasks, Payload.ofSize(16), target.url(), null);
            emulator.resume(QUEUE);

            long deadline = System.nanoTime() + skipNanos + windowNanos + 30_000_000_000L;
            while (target.count() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            if (target.count() == 0) {
                throw new IllegalStateException("no delivery within 30 s of resuming the queue");
            }
            long first = target.arrivalNanos()[0];
            long windowEnd = first + skipNanos + windowNanos;
            while (System.nanoTime() < windowEnd + 100_000_000L) {
                Thread.sleep(10);
            }
            return inWindow(target.arrivalNanos(), first + skipNanos, windowEnd);
        }
    }

    /** Rate between the first and last arrival inside [from, to]: intervals over time, no edge rounding. */
    static Result inWindow(long[] arrivals, long from, long to) {
        int firstIndex = -1;
        int lastIndex = -1;
        for (int i = 0; i < arrivals.length; i++) {
            if (arrivals[i] >= from && arrivals[i] <= to) {
                if (firstIndex < 0) {
                    firstIndex = i;
                }
                lastIndex = i;
            }
        }
        if (firstIndex < 0 || lastIndex == firstIndex) {
            throw new IllegalStateException("fewer than two deliveries in the measuring window");
        }
        double seconds = (arrivals[lastIndex] - arrivals[firstIndex]) / 1e9;
        return new Result((lastIndex - firstIndex) / seconds, lastIndex - firstIndex + 1);
    }
}
