package io.github.camelgcptasks.examples.orders.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The orders this instance has taken and how far each got. Kept in memory to keep the example short; a real
 * application keeps it in a database, since Cloud Tasks may deliver a task to any replica.
 */
@Component("orderStore")
public class OrderStore {

    public static final String QUEUED = "queued";
    public static final String PROCESSED = "processed";

    private final Map<String, OrderState> orders = new ConcurrentHashMap<>();

    /**
     * Registers a new order, status {@value #QUEUED}.
     *
     * @return the order with its new {@code id}
     */
    public Map<String, Object> place(Map<String, Object> order) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> placed = new LinkedHashMap<>();
        placed.put("id", id);
        if (order != null) {
            order.forEach((key, value) -> {
                if (!"id".equals(key)) {
                    placed.put(key, value);
                }
            });
        }
        orders.put(id, new OrderState());
        return placed;
    }

    /** Counts one delivery of the order's task. */
    public synchronized void recordAttempt(String id) {
        state(id).attempts++;
    }

    public synchronized void markProcessed(String id) {
        state(id).status = PROCESSED;
    }

    /** {@code {"id", "status", "attempts"}}, or null for an unknown id. */
    public synchronized Map<String, Object> status(String id) {
        OrderState state = id != null ? orders.get(id) : null;
        if (state == null) {
            return null;
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", id);
        status.put("status", state.status);
        status.put("attempts", state.attempts);
        return status;
    }

    private OrderState state(String id) {
        OrderState state = id != null ? orders.get(id) : null;
        if (state == null) {
            throw new IllegalArgumentException("Unknown order: " + id);
        }
        return state;
    }

    private static final class OrderState {
        String status = QUEUED;
        int attempts;
    }
}
