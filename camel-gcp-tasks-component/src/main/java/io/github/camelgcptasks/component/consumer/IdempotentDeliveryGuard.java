package io.github.camelgcptasks.component.consumer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.spi.IdempotentRepository;

/**
 * Skips deliveries of tasks that were already processed successfully, using any Camel {@link IdempotentRepository}
 * keyed by {@code queueId/taskId}.
 * <p>
 * A delivery claims its key with {@link IdempotentRepository#add(String)} (atomic in shared repositories, so two
 * replicas cannot both claim it); success {@link IdempotentRepository#confirm(String) confirms} the key, failure
 * {@link IdempotentRepository#remove(String) removes} it so Cloud Tasks' retry processes the task again. A second
 * delivery of a key that this consumer is still processing is answered as {@link Claim#IN_PROGRESS} (the caller
 * answers 409, so Cloud Tasks retries it later) rather than acknowledged, because acknowledging it would complete the
 * task even if the first delivery then fails. A key claimed by another replica cannot be told apart from a completed
 * one and counts as a duplicate.
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
        boolean added;
        try {
            added = repository.add(key);
        } catch (RuntimeException e) {
            inFlight.remove(key);
            throw e;
        }
        if (!added) {
            inFlight.remove(key);
            return Claim.DUPLICATE;
        }
        return Claim.CLAIMED;
    }

    /**
     * Ends a claim: a processed delivery (completed or dead-lettered) is confirmed, any other outcome removes the key
     * so the retry is processed.
     */
    public void release(String key, boolean processed) {
        try {
            if (processed) {
                repository.confirm(key);
            } else {
                repository.remove(key);
            }
        } finally {
            inFlight.remove(key);
        }
    }

    public IdempotentRepository getRepository() {
        return repository;
    }
}
