package io.github.camelgcptasks.component.producer;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import com.google.api.gax.grpc.GrpcCallContext;
import com.google.api.gax.rpc.UnaryCallable;
import com.google.cloud.tasks.v2.CreateTaskRequest;
import com.google.cloud.tasks.v2.Task;
import io.github.camelgcptasks.component.GcpTasksConfiguration;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries createTask for a task that carries its own name, which makes a retry safe: if an attempt that seemed to fail
 * did create the task, the retry gets ALREADY_EXISTS, and that counts as success.
 * <p>
 * Transient codes ({@link #TRANSIENT}) are retried with capped exponential backoff, each wait shortened by a random
 * part of up to a half so that producers do not retry in step, until {@code retryMaxAttempts} attempts are spent or
 * {@code retryTimeout} has passed since the first one. Each attempt's RPC deadline is the client's createTask timeout,
 * cut to the time left, so no attempt outlives the bound. Each retry is logged at DEBUG and counted.
 */
public final class CreateTaskRetrier {

    private static final Logger LOG = LoggerFactory.getLogger(CreateTaskRetrier.class);

    /** The codes a retry may cure. */
    public static final Set<Status.Code> TRANSIENT = Set.copyOf(EnumSet.of(Status.Code.UNAVAILABLE,
            Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED, Status.Code.INTERNAL));

    /**
     * How createTask ended.
     *
     * @param task     the created task; null when it already existed, or on failure
     * @param attempts how many attempts were made
     * @param failure  the last attempt's error when createTask failed, else null
     */
    public record Outcome(Task task, int attempts, Throwable failure) {

        public int retries() {
            return attempts - 1;
        }
    }

    private final UnaryCallable<CreateTaskRequest, Task> callable;
    private final ScheduledExecutorService scheduler;
    private final int maxAttempts;
    private final long initialBackoffNanos;
    private final long maxBackoffNanos;
    private final long timeoutNanos;
    private final long attemptTimeoutNanos;
    private final LongSupplier nanoTime;
    private final LongAdder retries = new LongAdder();

    /**
     * @param attemptTimeout the longest one attempt may take (the client's createTask timeout), or null for no limit
     *                       but the time left
     */
    public CreateTaskRetrier(UnaryCallable<CreateTaskRequest, Task> callable, ScheduledExecutorService scheduler,
                             GcpTasksConfiguration configuration, Duration attemptTimeout) {
        this(callable, scheduler, configuration, attemptTimeout, System::nanoTime);
    }

    CreateTaskRetrier(UnaryCallable<CreateTaskRequest, Task> callable, ScheduledExecutorService scheduler,
                      GcpTasksConfiguration configuration, Duration attemptTimeout, LongSupplier nanoTime) {
        checkOptions(configuration);
        this.callable = callable;
        this.scheduler = scheduler;
        this.maxAttempts = configuration.getRetryMaxAttempts();
        this.initialBackoffNanos = TimeUnit.MILLISECONDS.toNanos(configuration.getRetryInitialBackoff());
        this.maxBackoffNanos = TimeUnit.MILLISECONDS.toNanos(configuration.getRetryMaxBackoff());
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(configuration.getRetryTimeout());
        this.attemptTimeoutNanos = attemptTimeout == null || attemptTimeout.isZero() || attemptTimeout.isNegative()
                ? Long.MAX_VALUE : attemptTimeout.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Refuses retry options that cannot work, naming the option and its limit. */
    static void checkOptions(GcpTasksConfiguration configuration) {
        if (configuration.getRetryMaxAttempts() < 1) {
            throw new IllegalArgumentException("retryMaxAttempts must be at least 1 (the first attempt), not "
                                               + configuration.getRetryMaxAttempts());
        }
        if (configuration.getRetryInitialBackoff() < 0) {
            throw new IllegalArgumentException("retryInitialBackoff must not be negative, not "
                                               + configuration.getRetryInitialBackoff() + " ms");
        }
        if (configuration.getRetryMaxBackoff() < configuration.getRetryInitialBackoff()) {
            throw new IllegalArgumentException("retryMaxBackoff (" + configuration.getRetryMaxBackoff()
                                               + " ms) must be at least retryInitialBackoff ("
                                               + configuration.getRetryInitialBackoff() + " ms)");
        }
        if (configuration.getRetryTimeout() <= 0) {
            throw new IllegalArgumentException("retryTimeout must be positive, not "
                                               + configuration.getRetryTimeout() + " ms");
        }
    }

    /**
     * Creates the named task, retrying transient failures. The future never fails: the outcome holds the error.
     *
     * @param existsMeansCreated whether ALREADY_EXISTS on the first attempt counts as success too (the exchange is a
     *                           redelivery, or ignoreAlreadyExists is set); on a retry it always does
     */
    public CompletableFuture<Outcome> create(CreateTaskRequest request, boolean existsMeansCreated) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        long start = nanoTime.getAsLong();
        attempt(request, 1, start, start + timeoutNanos, existsMeansCreated, outcome);
        return outcome;
    }

    private void attempt(CreateTaskRequest request, int attempt, long start, long deadline, boolean existsMeansCreated,
                         CompletableFuture<Outcome> outcome) {
        long left = Math.max(1, deadline - nanoTime.getAsLong());
        GrpcCallContext context = GrpcCallContext.createDefault()
                .withTimeoutDuration(Duration.ofNanos(Math.min(left, attemptTimeoutNanos)));
        CloudTasksCalls.call(callable, request, context).whenComplete((task, error) -> {
            if (error == null) {
                outcome.complete(new Outcome(task, attempt, null));
                return;
            }
            Status.Code code = CloudTasksCalls.statusOf(error);
            if (code == Status.Code.ALREADY_EXISTS && (attempt > 1 || existsMeansCreated)) {
                LOG.debug("createTask of {}: ALREADY_EXISTS on attempt {}, so an earlier attempt created it",
                          request.getTask().getName(), attempt);
                outcome.complete(new Outcome(null, attempt, null));
                return;
            }
            long wait = backoffNanos(attempt);
            long now = nanoTime.getAsLong();
            if (!TRANSIENT.contains(code) || attempt >= maxAttempts || now + wait >= deadline) {
                if (TRANSIENT.contains(code)) {
                    LOG.debug("createTask of {} gave up after {} attempts in {} ms: {}", request.getTask().getName(),
                              attempt, TimeUnit.NANOSECONDS.toMillis(now - start), code);
                }
                outcome.complete(new Outcome(null, attempt, error));
                return;
            }
            retries.increment();
            LOG.debug("createTask of {} failed with {} on attempt {} of {}; retrying in {} ms",
                      request.getTask().getName(), code, attempt, maxAttempts, TimeUnit.NANOSECONDS.toMillis(wait));
            try {
                scheduler.schedule(() -> attempt(request, attempt + 1, start, deadline, existsMeansCreated, outcome),
                                   wait, TimeUnit.NANOSECONDS);
            } catch (RuntimeException rejected) {
                // the producer is stopping: end with the error we have
                outcome.complete(new Outcome(null, attempt, error));
            }
        });
    }

    /** The wait after attempt {@code attempt}: initial * 2^(attempt-1), capped, minus a random part of up to a half. */
    long backoffNanos(int attempt) {
        long capped = initialBackoffNanos;
        for (int i = 1; i < attempt && capped < maxBackoffNanos; i++) {
            capped *= 2;
        }
        capped = Math.min(capped, maxBackoffNanos);
        return capped - (long) (capped * 0.5 * ThreadLocalRandom.current().nextDouble());
    }

    /** How many retries this retrier has made since it was built. */
    public long getRetries() {
        return retries.sum();
    }
}
