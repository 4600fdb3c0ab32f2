package io.github.camelgcptasks.benchmarks.jmh;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Keeps at most 64 calls in flight: each benchmark invocation waits for a free slot, then starts one call. In steady
 * state starts equal completions, so JMH's operations per second are completed tasks per second.
 */
@State(Scope.Benchmark)
public class InFlightWindow {

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

    /** Lets the calls of one iteration finish before the next, and fails the run rather than time errors. */
    @TearDown(Level.Iteration)
    public void drain() throws InterruptedException {
        if (!slots.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("calls still in flight after 30 s");
        }
        slots.release(IN_FLIGHT);
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " calls failed", firstFailure.get());
        }
    }
}
