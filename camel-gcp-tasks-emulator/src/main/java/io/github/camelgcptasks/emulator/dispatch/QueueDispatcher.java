package io.github.camelgcptasks.emulator.dispatch;

import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.RateLimits;
import io.github.camelgcptasks.emulator.queue.AttemptResult;
import io.github.camelgcptasks.emulator.queue.DispatchAttempt;
import io.github.camelgcptasks.emulator.queue.TaskQueue;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves one queue's due tasks to {@link TaskDelivery}, within the queue's rate limits: a token bucket for
 * {@code max_dispatches_per_second} and a cap of {@code max_concurrent_dispatches} attempts in flight.
 *
 * <p>There is no polling: a "pump" runs when something may have changed (a task added, an attempt finished, the
 * queue resumed or reconfigured) or when a timer set for the earliest due time or the next token fires. Pump runs
 * are serialized per queue without a lock.
 */
final class QueueDispatcher implements TaskQueue.ReadyListener {

    private final TaskQueue queue;
    private final DispatchEngine engine;
    private final AtomicInteger pumpRequests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong wakeupAtMicros = new AtomicLong(Long.MAX_VALUE);
    private final TokenBucket bucket;
    private Queue appliedConfig;          // pump thread only
    private volatile boolean stopped;

    QueueDispatcher(TaskQueue queue, DispatchEngine engine) {
        this.queue = queue;
        this.engine = engine;
        this.appliedConfig = queue.config();
        RateLimits limits = appliedConfig.getRateLimits();
        this.bucket = new TokenBucket(limits.getMaxDispatchesPerSecond(), limits.getMaxBurstSize(), System.nanoTime());
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void readyAt(long dueMicros) {
        if (dueMicros <= engine.nowMicros()) {
            pumpOnThisThread();
        } else {
            scheduleWakeup(dueMicros);
        }
    }

    /**
     * Pumps on the caller's thread unless a pump is running: a task due now goes out at once instead of waiting for a
     * pump thread to wake. A pump only hands attempts to the non-blocking delivery client, so it never blocks the
     * caller.
     */
    private void pumpOnThisThread() {
        if (claimPump()) {
            runPumps();
        }
    }

    void requestPump() {
        if (claimPump()) {
            try {
                engine.pumps().execute(this::runPumps);
            } catch (RejectedExecutionException shutDown) {
                stopped = true;
            }
        }
    }

    /** Counts a request for a pump; true for the caller that must run one, as none is running. */
    private boolean claimPump() {
        return !stopped && pumpRequests.getAndIncrement() == 0;
    }

    private void runPumps() {
        int requests = pumpRequests.get();
        do {
            try {
                pump();
            } catch (RuntimeException e) {
                DispatchEngine.LOG.error("Dispatch of queue {} failed", queue.name(), e);
            }
            requests = pumpRequests.addAndGet(-requests);
        } while (requests != 0);
    }

    private void pump() {
        Queue config = queue.config();
        if (config != appliedConfig) {
            appliedConfig = config;
            bucket.configure(config.getRateLimits().getMaxDispatchesPerSecond(),
                    config.getRateLimits().getMaxBurstSize(), System.nanoTime());
        }
        int maxConcurrent = config.getRateLimits().getMaxConcurrentDispatches();
        while (!stopped && queue.isDispatching()) {
            Instant now = engine.clock().instant();
            long nowMicros = micros(now);
            long nextDue = queue.nextDueMicros();
            if (nextDue > nowMicros) {
                if (nextDue != Long.MAX_VALUE) {
                    scheduleWakeup(nextDue);
                }
                return;
            }
            if (inFlight.get() >= maxConcurrent) {
                return; // an attempt finishing pumps again
            }
            if (engine.rateLimited()) {
                long wait = bucket.tryAcquire(System.nanoTime());
                if (wait > 0) {
                    scheduleWakeup(nowMicros + Math.max(1, wait / 1000));
                    return;
                }
            }
            DispatchAttempt attempt = queue.pollDue(now);
            if (attempt == null) {
                bucket.refund();
                continue;
            }
            send(attempt);
        }
    }

    /** Sends an attempt now, outside the rate limits (RunTask). */
    void send(DispatchAttempt attempt) {
        inFlight.incrementAndGet();
        engine.delivery().deliver(attempt).whenComplete((result, error) -> finished(attempt,
                error == null ? result : AttemptResult.unreachable(String.valueOf(error))));
    }

    private void finished(DispatchAttempt attempt, AttemptResult result) {
        inFlight.decrementAndGet();
        try {
            Instant now = engine.clock().instant();
            Instant retryAt = result.succeeded() ? null : BackoffPolicy.of(queue.config().getRetryConfig())
                    .nextAttempt(attempt.attemptsSoFar(), attempt.firstAttempt(), now);
            queue.recordOutcome(attempt, result, retryAt, now);
        } finally {
            requestPump();
        }
    }

    private void scheduleWakeup(long dueMicros) {
        while (true) {
            long scheduled = wakeupAtMicros.get();
            if (dueMicros >= scheduled) {
                return; // an earlier wake-up will pump, and the pump looks again
            }
            if (wakeupAtMicros.compareAndSet(scheduled, dueMicros)) {
                break;
            }
        }
        long delay = Math.max(0, dueMicros - engine.nowMicros());
        try {
            engine.timer().schedule(() -> {
                wakeupAtMicros.compareAndSet(dueMicros, Long.MAX_VALUE);
                requestPump();
            }, delay, TimeUnit.MICROSECONDS);
        } catch (RejectedExecutionException shutDown) {
            stopped = true;
        }
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }
}
