package io.github.camelgcptasks.benchmarks.paired;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Keeps at most {@value #IN_FLIGHT} calls in flight: a call waits for a free slot and gives it back on completion. */
final class InFlightWindow {

    static final int IN_FLIGHT = 64;

    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

    void acquire() throws InterruptedException {
        slots.acquire();
    }

    void release(Throwable failure) {
        if (failure != null) {
            failures.incrementAndGet();
            firstFailure.compareAndSet(null, failure);
        }
        slots.release();
    }

    /** Waits for every call in flight to finish, and fails the measure rather than time failed calls. */
    void drain() throws InterruptedException {
        if (!slots.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("calls still in flight after 30 s");
        }
        slots.release(IN_FLIGHT);
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " calls failed", firstFailure.get());
        }
    }
}
