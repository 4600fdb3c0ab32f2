package io.github.camelgcptasks.emulator.queue;

import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.RateLimits;
import com.google.cloud.tasks.v2.RetryConfig;
import com.google.protobuf.Duration;
import com.google.protobuf.FieldMask;
import java.util.List;

/**
 * Queue configuration rules of the real service: defaults for unset fields, limits, and UpdateQueue's field mask.
 *
 * <p>As proto3 cannot tell an unset number from zero, a zero in {@code rate_limits} or {@code retry_config}
 * (including {@code max_doublings}) means "use the default", except {@code max_retry_duration} whose zero means
 * unlimited, which is also its default.
 */
public final class QueueConfig {

    public static final double DEFAULT_MAX_DISPATCHES_PER_SECOND = 500;
    public static final double MAX_DISPATCHES_PER_SECOND_LIMIT = 500;
    public static final int DEFAULT_MAX_CONCURRENT_DISPATCHES = 1000;
    public static final int MAX_CONCURRENT_DISPATCHES_LIMIT = 5000;
    public static final int MAX_BURST_SIZE_LIMIT = 100;
    public static final int DEFAULT_MAX_ATTEMPTS = 100;
    public static final Duration DEFAULT_MIN_BACKOFF = Duration.newBuilder().setNanos(100_000_000).build();
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.newBuilder().setSeconds(3600).build();
    public static final int DEFAULT_MAX_DOUBLINGS = 16;

    private static final List<String> UPDATABLE_PATHS = List.of("rate_limits", "rate_limits.max_dispatches_per_second",
            "rate_limits.max_concurrent_dispatches", "retry_config", "retry_config.max_attempts",
            "retry_config.max_retry_duration", "retry_config.min_backoff", "retry_config.max_backoff",
            "retry_config.max_doublings", "app_engine_routing_override", "stackdriver_logging_config");

    private QueueConfig() {
    }

    /** The queue CreateQueue stores: the request with defaults filled in, validated, RUNNING. */
    public static Queue forCreate(Queue requested) {
        return normalize(requested.toBuilder()
                .clearPurgeTime()
                .setState(Queue.State.RUNNING)
                .build());
    }

    /**
     * A queue configured at start (builder, queues file): validated as CreateQueue validates it, and started
     * PAUSED when {@code state} says so, so the description of a paused queue gives a paused queue.
     */
    public static Queue forStart(Queue requested) {
        ResourceNames.queue(requested.getName());
        Queue.State state = requested.getState();
        if (state != Queue.State.STATE_UNSPECIFIED && state != Queue.State.RUNNING && state != Queue.State.PAUSED) {
            throw TasksException.invalidArgument("Queue.state must be RUNNING or PAUSED at start (was " + state + ")");
        }
        Queue created = forCreate(requested);
        return state == Queue.State.PAUSED ? created.toBuilder().setState(Queue.State.PAUSED).build() : created;
    }

    /** A queue with every default, as the builder and command line create them. */
    public static Queue withDefaults(String name) {
        return forCreate(Queue.newBuilder().setName(name).build());
    }

    /**
     * Applies an UpdateQueue request to the current queue. An empty mask replaces the settings the request sets and
     * leaves those it does not set unchanged; output only fields (state, purge time, burst size) are never taken from
     * the request.
     */
    public static Queue update(Queue current, Queue update, FieldMask mask) {
        Queue.Builder merged = current.toBuilder();
        List<String> paths = mask == null || mask.getPathsCount() == 0 ? setMessages(update) : mask.getPathsList();
        for (String path : paths) {
            if (!UPDATABLE_PATHS.contains(path)) {
                throw TasksException.invalidArgument("update_mask path \"" + path + "\" is not an updatable field of "
                        + "Queue; updatable fields are " + String.join(", ", UPDATABLE_PATHS));
            }
            RateLimits.Builder rate = merged.getRateLimitsBuilder();
            RetryConfig.Builder retry = merged.getRetryConfigBuilder();
            RateLimits newRate = update.getRateLimits();
            RetryConfig newRetry = update.getRetryConfig();
            switch (path) {
                case "rate_limits" -> merged.setRateLimits(newRate);
                case "rate_limits.max_dispatches_per_second" ->
                        rate.setMaxDispatchesPerSecond(newRate.getMaxDispatchesPerSecond());
                case "rate_limits.max_concurrent_dispatches" ->
                        rate.setMaxConcurrentDispatches(newRate.getMaxConcurrentDispatches());
                case "retry_config" -> merged.setRetryConfig(newRetry);
                case "retry_config.max_attempts" -> retry.setMaxAttempts(newRetry.getMaxAttempts());
                case "retry_config.max_retry_duration" -> retry.setMaxRetryDuration(newRetry.getMaxRetryDuration());
                case "retry_config.min_backoff" -> retry.setMinBackoff(newRetry.getMinBackoff());
                case "retry_config.max_backoff" -> retry.setMaxBackoff(newRetry.getMaxBackoff());
                case "retry_config.max_doublings" -> retry.setMaxDoublings(newRetry.getMaxDoublings());
                case "app_engine_routing_override" ->
                        merged.setAppEngineRoutingOverride(update.getAppEngineRoutingOverride());
                case "stackdriver_logging_config" ->
                        merged.setStackdriverLoggingConfig(update.getStackdriverLoggingConfig());
                default -> throw new IllegalStateException(path);
            }
        }
        return normalize(merged.build());
    }

    /** The updatable messages a request without a mask sets: an unset message is no update of it. */
    private static List<String> setMessages(Queue update) {
        List<String> paths = new java.util.ArrayList<>();
        if (update.hasRateLimits()) {
            paths.add("rate_limits");
        }
        if (update.hasRetryConfig()) {
            paths.add("retry_config");
        }
        if (update.hasAppEngineRoutingOverride()) {
            paths.add("app_engine_routing_override");
        }
        if (update.hasStackdriverLoggingConfig()) {
            paths.add("stackdriver_logging_config");
        }
        return paths;
    }

    private static Queue normalize(Queue queue) {
        double samplingRatio = queue.getStackdriverLoggingConfig().getSamplingRatio();
        if (!(samplingRatio >= 0 && samplingRatio <= 1)) {
            throw TasksException.invalidArgument("StackdriverLoggingConfig.sampling_ratio must be between 0.0 and 1.0 "
                    + "(was " + samplingRatio + ")");
        }
        return queue.toBuilder()
                .setRateLimits(rateLimits(queue.getRateLimits()))
                .setRetryConfig(retryConfig(queue.getRetryConfig()))
                .build();
    }

    private static RateLimits rateLimits(RateLimits in) {
        double rate = in.getMaxDispatchesPerSecond();
        if (rate < 0 || Double.isNaN(rate) || rate > MAX_DISPATCHES_PER_SECOND_LIMIT) {
            throw TasksException.invalidArgument("RateLimits.max_dispatches_per_second must be greater than 0 and at "
                    + "most " + (int) MAX_DISPATCHES_PER_SECOND_LIMIT + " (was " + rate + ")");
        }
        if (rate == 0) {
            rate = DEFAULT_MAX_DISPATCHES_PER_SECOND;
        }
        int concurrent = in.getMaxConcurrentDispatches();
        if (concurrent < 0 || concurrent > MAX_CONCURRENT_DISPATCHES_LIMIT) {
            throw TasksException.invalidArgument("RateLimits.max_concurrent_dispatches must be greater than 0 and at "
                    + "most " + MAX_CONCURRENT_DISPATCHES_LIMIT + " (was " + concurrent + ")");
        }
        if (concurrent == 0) {
            concurrent = DEFAULT_MAX_CONCURRENT_DISPATCHES;
        }
        return RateLimits.newBuilder()
                .setMaxDispatchesPerSecond(rate)
                .setMaxConcurrentDispatches(concurrent)
                .setMaxBurstSize(burstSize(rate))
                .build();
    }

    /**
     * The output-only burst size the service derives from the rate: 100 at the default 500/s, proportionally less
     * for slower queues (one fifth of a second's worth of dispatches, at least 1), so a slow queue does not flush a
     * backlog in one burst.
     */
    static int burstSize(double ratePerSecond) {
        return (int) Math.max(1, Math.min(MAX_BURST_SIZE_LIMIT, Math.ceil(ratePerSecond / 5)));
    }

    private static RetryConfig retryConfig(RetryConfig in) {
        int attempts = in.getMaxAttempts();
        if (attempts < -1) {
            throw TasksException.invalidArgument(
                    "RetryConfig.max_attempts must be -1 (unlimited) or a positive number (was " + attempts + ")");
        }
        Duration min = nonNegative("min_backoff", in.getMinBackoff(), DEFAULT_MIN_BACKOFF);
        Duration max = nonNegative("max_backoff", in.getMaxBackoff(), DEFAULT_MAX_BACKOFF);
        if (compare(min, max) > 0) {
            throw TasksException.invalidArgument("RetryConfig.min_backoff (" + format(min)
                    + ") must not be greater than RetryConfig.max_backoff (" + format(max) + ")");
        }
        if (in.getMaxDoublings() < 0) {
            throw TasksException.invalidArgument(
                    "RetryConfig.max_doublings must not be negative (was " + in.getMaxDoublings() + ")");
        }
        Duration retryDuration = nonNegative("max_retry_duration", in.getMaxRetryDuration(), Duration.getDefaultInstance());
        return RetryConfig.newBuilder()
                .setMaxAttempts(attempts == 0 ? DEFAULT_MAX_ATTEMPTS : attempts)
                .setMinBackoff(min)
                .setMaxBackoff(max)
                .setMaxDoublings(in.getMaxDoublings() == 0 ? DEFAULT_MAX_DOUBLINGS : in.getMaxDoublings())
                .setMaxRetryDuration(retryDuration)
                .build();
    }

    private static Duration nonNegative(String field, Duration value, Duration fallback) {
        if (value.getSeconds() < 0 || value.getNanos() < 0) {
            throw TasksException.invalidArgument("RetryConfig." + field + " must not be negative (was "
                    + format(value) + ")");
        }
        return value.getSeconds() == 0 && value.getNanos() == 0 ? fallback : value;
    }

    private static int compare(Duration a, Duration b) {
        int bySeconds = Long.compare(a.getSeconds(), b.getSeconds());
        return bySeconds != 0 ? bySeconds : Integer.compare(a.getNanos(), b.getNanos());
    }

    static String format(Duration d) {
        return java.time.Duration.ofSeconds(d.getSeconds(), d.getNanos()).toString();
    }
}
