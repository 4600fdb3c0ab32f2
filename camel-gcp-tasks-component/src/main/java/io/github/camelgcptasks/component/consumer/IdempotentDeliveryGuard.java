package io.github.camelgcptasks.component.consumer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.spi.IdempotentRepository;

/**
 * Skips deliveries of tasks that were already processed successfully, using any Camel {@link IdempotentRepository}
 * keyed by {@code queueId/taskId}.
 * <p>
 * A name is recorded only once its delivery was processed (completed or dead-lettered). Recording it earlier would
 * let a replica that crashes mid-delivery leave the name behind, and every retry of that task would then be
 * acknowledged without ever being processed. The price is that two replicas receiving the same task at the same time
 * may both process it, which Cloud Tasks' at-least-once delivery asks handlers to tolerate anyway. Within this
 * consumer, a second delivery of a task still being processed is answered as {@link Claim#IN_PROGRESS} (the caller
 * answers 409, so Cloud Tasks retries it later) rather than acknowledged, because acknowledging it would complete the
 * task even if the first delivery then fails.
 */
public final class IdempotentDeliveryGuard {

    /** The outcome of {@link #claim(String)}. */
    public enum Claim {
        /** This delivery holds the key: process it, then {@link #release(String, boolean) release} it. */
        CLAIMED,
        /** The task was processed before: acknowledge without processing. */
        DUPLICATE,
        /** The same task is being processed right now by this consumer: ask Cloud Tasks to retry later. */
        IN_PROGRESS
    }

    private final IdempotentRepository repository;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    public IdempotentDeliveryGuard(IdempotentRepository repository) {
        this.repository = repository;
    }

    public static String key(String queueId, String taskName) {
        return queueId + "/" + taskName;
    }

    public Claim claim(String key) {
        if (!inFlight.add(key)) {
            return Claim.IN_PROGRESS;
        }
        boolean processedBefore;
        try {
            processedBefore = repository.contains(key);
        } catch (RuntimeException e) {
            inFlight.remove(key);
            throw e;
        }
        if (processedBefore) {
            inFlight.remove(key);
            return Claim.DUPLICATE;
        }
        return Claim.CLAIMED;
    }

    /**
     * Ends a claim: a processed delivery (completed or dead-lettered) records the key; any other outcome records
     * nothing, so the retry is processed.
     */
    public void release(String key, boolean processed) {
        try {
            if (processed) {
                repository.add(key);
                repository.confirm(key);
            }
        } finally {
            inFlight.remove(key);
        }
    }

    public IdempotentRepository getRepository() {
        return repository;
    }
}
