package io.github.camelgcptasks.benchmarks.loop;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts tasks reaching the route, each sequence number once: a redelivered task is counted as a duplicate, so a
 * retry storm cannot pass for throughput.
 */
public final class Arrivals {

    private final AtomicIntegerArray seen;
    private final AtomicLong distinct = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();

    public Arrivals(int capacity) {
        this.seen = new AtomicIntegerArray(capacity);
    }

    /** Records the arrival; answers true the first time this sequence number arrives. */
    public boolean arrive(int sequence) {
        if (seen.getAndSet(sequence, 1) != 0) {
            duplicates.incrementAndGet();
            return false;
        }
        distinct.incrementAndGet();
        return true;
    }

    /**
     * Waits until {@code count} distinct tasks have arrived; answers whether they did within the timeout. Polls every
     * millisecond: a bounded error on runs of seconds, and no cost on the route's threads.
     */
    public boolean await(long count, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (distinct.get() < count) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    public long distinct() {
        return distinct.get();
    }

    public long duplicates() {
        return duplicates.get();
    }
}
