package io.github.camelgcptasks.component.producer;

import java.time.Duration;

import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.QueueName;
import com.google.cloud.tasks.v2.RateLimits;
import com.google.cloud.tasks.v2.RetryConfig;
import io.github.camelgcptasks.component.GcpTasksConfiguration;
import io.github.camelgcptasks.component.GcpTasksInvalidInputException;

import static io.github.camelgcptasks.component.CloudTasksLimits.MAX_CONCURRENT_DISPATCHES;
import static io.github.camelgcptasks.component.CloudTasksLimits.MAX_DISPATCHES_PER_SECOND;

/**
 * The rate limits and retry configuration a queue the producer creates gets, from the {@code queue*} options: only
 * the options that are set go into the request, so Cloud Tasks applies its own defaults to the others. Checked when
 * read, before any call to Google, against the limits Cloud Tasks enforces.
 */
public final class QueueSettings {

    private final RateLimits rateLimits;
    private final RetryConfig retryConfig;

    private QueueSettings(RateLimits rateLimits, RetryConfig retryConfig) {
        this.rateLimits = rateLimits;
        this.retryConfig = retryConfig;
    }

    /**
     * The settings the options ask for.
     *
     * @throws GcpTasksInvalidInputException naming the option and the limit when a value is outside it
     */
    public static QueueSettings of(GcpTasksConfiguration configuration) {
        RateLimits.Builder rate = RateLimits.newBuilder();
        Double perSecond = configuration.getQueueMaxDispatchesPerSecond();
        if (perSecond != null) {
            if (!(perSecond > 0) || perSecond > MAX_DISPATCHES_PER_SECOND) {
                throw invalid("queueMaxDispatchesPerSecond", perSecond + " is outside Cloud Tasks' range: more than 0"
                                                             + " and at most " + (int) MAX_DISPATCHES_PER_SECOND);
            }
            rate.setMaxDispatchesPerSecond(perSecond);
        }
        Integer concurrent = configuration.getQueueMaxConcurrentDispatches();
        if (concurrent != null) {
            if (concurrent < 1 || concurrent > MAX_CONCURRENT_DISPATCHES) {
                throw invalid("queueMaxConcurrentDispatches", concurrent + " is outside Cloud Tasks' range of 1 to "
                                                              + MAX_CONCURRENT_DISPATCHES);
            }
            rate.setMaxConcurrentDispatches(concurrent);
        }

        RetryConfig.Builder retry = RetryConfig.newBuilder();
        Integer attempts = configuration.getQueueMaxAttempts();
        if (attempts != null) {
            if (attempts == 0 || attempts < -1) {
                throw invalid("queueMaxAttempts", attempts + " is not allowed: use -1 for unlimited attempts, or 1 or"
                                                  + " more");
            }
            retry.setMaxAttempts(attempts);
        }
        Duration minBackoff = duration("queueMinBackoff", configuration.getQueueMinBackoff());
        Duration maxBackoff = duration("queueMaxBackoff", configuration.getQueueMaxBackoff());
        if (!minBackoff.isZero() && !maxBackoff.isZero() && minBackoff.compareTo(maxBackoff) > 0) {
            throw invalid("queueMinBackoff", TimeValues.format(minBackoff) + " is longer than queueMaxBackoff "
                                             + TimeValues.format(maxBackoff) + "; it must be at most queueMaxBackoff");
        }
        if (!minBackoff.isZero()) {
            retry.setMinBackoff(TimeValues.toProto(minBackoff));
        }
        if (!maxBackoff.isZero()) {
            retry.setMaxBackoff(TimeValues.toProto(maxBackoff));
        }
        Integer doublings = configuration.getQueueMaxDoublings();
        if (doublings != null) {
            if (doublings < 0) {
                throw invalid("queueMaxDoublings", doublings + " is negative; it must be 0 or more");
            }
            retry.setMaxDoublings(doublings);
        }
        Duration retryDuration = duration("queueMaxRetryDuration", configuration.getQueueMaxRetryDuration());
        if (!retryDuration.isZero()) {
            retry.setMaxRetryDuration(TimeValues.toProto(retryDuration));
        }
        return new QueueSettings(rate.build(), retry.build());
    }

    private static Duration duration(String option, long millis) {
        if (millis < 0) {
            throw invalid(option, TimeValues.format(Duration.ofMillis(millis)) + " is negative; it must be 0 (unset)"
                                  + " or more");
        }
        return Duration.ofMillis(millis);
    }

    private static GcpTasksInvalidInputException invalid(String option, String problem) {
        return new GcpTasksInvalidInputException(option, option + " " + problem);
    }

    /** The queue to create under this name, with these settings. */
    public Queue queue(QueueName name) {
        Queue.Builder queue = Queue.newBuilder().setName(name.toString());
        if (!rateLimits.equals(RateLimits.getDefaultInstance())) {
            queue.setRateLimits(rateLimits);
        }
        if (!retryConfig.equals(RetryConfig.getDefaultInstance())) {
            queue.setRetryConfig(retryConfig);
        }
        return queue.build();
    }
}
