package io.github.camelgcptasks.emulator.dispatch;

import com.google.cloud.tasks.v2.RetryConfig;
import java.time.Duration;
import java.time.Instant;

/**
 * Cloud Tasks' retry schedule. Retry {@code n} waits {@code min_backoff * 2^(n-1)} while {@code n-1 <= max_doublings},
 * then the wait grows linearly by {@code min_backoff * 2^max_doublings} per retry, always capped at
 * {@code max_backoff}. With min 10 s, max 300 s and 3 doublings: 10, 20, 40, 80, 160, 240, 300, 300 ...
 *
 * <p>A task is dropped once it has been attempted {@code max_attempts} times (-1: never) and, when
 * {@code max_retry_duration} is set (0: unlimited), that long has passed since its first attempt.
 */
public record BackoffPolicy(Duration minBackoff, Duration maxBackoff, int maxDoublings, int maxAttempts,
                            Duration maxRetryDuration) {

    public static BackoffPolicy of(RetryConfig config) {
        return new BackoffPolicy(duration(config.getMinBackoff()), duration(config.getMaxBackoff()),
                config.getMaxDoublings(), config.getMaxAttempts(), duration(config.getMaxRetryDuration()));
    }

    /** The wait before retry number {@code retry} (1 for the first retry, after the first failed attempt). */
    public Duration backoff(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry numbers start at 1, was " + retry);
        }
        double min = minBackoff.toNanos();
        double nanos = retry - 1 <= maxDoublings
                ? min * Math.pow(2, retry - 1)
                : min * Math.pow(2, maxDoublings) * (retry - maxDoublings);
        return Duration.ofNanos((long) Math.min(nanos, maxBackoff.toNanos()));
    }

    /**
     * When to attempt a failed task again, or null when its attempts are spent.
     *
     * @param attemptsSoFar attempts made, including the one that just failed
     * @param firstAttempt  dispatch time of the first attempt
     * @param now           the time the last attempt failed
     */
    public Instant nextAttempt(int attemptsSoFar, Instant firstAttempt, Instant now) {
        boolean attemptsSpent = maxAttempts >= 0 && attemptsSoFar >= maxAttempts;
        boolean durationSpent = maxRetryDuration.isZero()
                || Duration.between(firstAttempt, now).compareTo(maxRetryDuration) >= 0;
        if (attemptsSpent && durationSpent) {
            return null;
        }
        return now.plus(backoff(attemptsSoFar));
    }

    private static Duration duration(com.google.protobuf.Duration d) {
        return Duration.ofSeconds(d.getSeconds(), d.getNanos());
    }
}
