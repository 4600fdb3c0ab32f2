package io.github.camelgcptasks.component.consumer.security;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Lets one refusal WARN through per interval and counts the others, so a caller sending bad tokens in a loop cannot
 * flood the log. The next WARN says how many were left out; those are logged at DEBUG only.
 */
final class RefusalLogThrottle {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    /** Returned by {@link #admit()} for a refusal that should not be logged at WARN. */
    static final long SUPPRESSED = -1;

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private boolean warnedBefore;
    private long nextWarnAt;
    private long suppressed;

    RefusalLogThrottle(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    RefusalLogThrottle() {
        this(DEFAULT_INTERVAL, System::nanoTime);
    }

    /**
     * Records a refusal. Answers {@link #SUPPRESSED} when it should not be logged at WARN, or else how many refusals
     * were suppressed since the last WARN.
     */
    synchronized long admit() {
        long now = nanoTime.getAsLong();
        if (warnedBefore && now - nextWarnAt < 0) {
            suppressed++;
            return SUPPRESSED;
        }
        warnedBefore = true;
        nextWarnAt = now + intervalNanos;
        long left = suppressed;
        suppressed = 0;
        return left;
    }
}
