package io.github.camelgcptasks.emulator.dispatch;

/**
 * Token bucket for {@code max_dispatches_per_second}: refills at the rate, holds at most the burst size, starts full.
 */
final class TokenBucket {

    private double ratePerNano;
    private double capacity;
    private double tokens;
    private long lastRefill;

    TokenBucket(double ratePerSecond, int burst, long nowNanos) {
        configure(ratePerSecond, burst, nowNanos);
        tokens = capacity;
    }

    synchronized void configure(double ratePerSecond, int burst, long nowNanos) {
        refill(nowNanos);
        ratePerNano = ratePerSecond / 1e9;
        capacity = Math.max(1, burst);
        tokens = Math.min(tokens, capacity);
    }

    /** Takes a token if there is one and answers 0, else answers the nanoseconds until one is available. */
    synchronized long tryAcquire(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / ratePerNano));
    }

    /** Gives back a token taken for a dispatch that did not happen. */
    synchronized void refund() {
        tokens = Math.min(capacity, tokens + 1);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastRefill;
        lastRefill = nowNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * ratePerNano);
        }
    }
}
