package io.github.camelgcptasks.component.consumer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.camelgcptasks.component.GcpTasksConstants;
import org.apache.camel.Message;

/**
 * The X-CloudTasks-* headers of one delivery, parsed. Cloud Tasks sends them as text; the route gets them as typed
 * {@code CamelGcpTasks*} headers: counts and the previous response as Integer, the ETA (epoch seconds with a fraction)
 * as an Instant. A header that is present but cannot be parsed is listed in {@link #malformed()} and left out.
 */
public final class DeliveryHeaders {

    public static final String QUEUE_NAME = "X-CloudTasks-QueueName";
    public static final String TASK_NAME = "X-CloudTasks-TaskName";
    public static final String RETRY_COUNT = "X-CloudTasks-TaskRetryCount";
    public static final String EXECUTION_COUNT = "X-CloudTasks-TaskExecutionCount";
    public static final String ETA = "X-CloudTasks-TaskETA";
    public static final String PREVIOUS_RESPONSE = "X-CloudTasks-TaskPreviousResponse";
    public static final String RETRY_REASON = "X-CloudTasks-TaskRetryReason";

    private final String queueName;
    private final String taskName;
    private final Integer retryCount;
    private final Integer executionCount;
    private final Instant eta;
    private final Integer previousResponse;
    private final String retryReason;
    private final List<String> malformed;

    private DeliveryHeaders(Message message) {
        List<String> bad = new ArrayList<>();
        this.queueName = text(message, QUEUE_NAME);
        this.taskName = text(message, TASK_NAME);
        this.retryCount = integer(message, RETRY_COUNT, bad);
        this.executionCount = integer(message, EXECUTION_COUNT, bad);
        this.eta = instant(message, ETA, bad);
        this.previousResponse = integer(message, PREVIOUS_RESPONSE, bad);
        this.retryReason = text(message, RETRY_REASON);
        this.malformed = Collections.unmodifiableList(bad);
    }

    /** Reads the delivery headers of a request; header names are matched case-insensitively, as on the wire. */
    public static DeliveryHeaders read(Message message) {
        return new DeliveryHeaders(message);
    }

    /** Sets the typed CamelGcpTasks* headers for the values that were delivered. */
    public void applyTo(Message message) {
        set(message, GcpTasksConstants.QUEUE_NAME, queueName);
        set(message, GcpTasksConstants.TASK_NAME, taskName);
        set(message, GcpTasksConstants.RETRY_COUNT, retryCount);
        set(message, GcpTasksConstants.EXECUTION_COUNT, executionCount);
        set(message, GcpTasksConstants.ETA, eta);
        set(message, GcpTasksConstants.PREVIOUS_RESPONSE, previousResponse);
        set(message, GcpTasksConstants.RETRY_REASON, retryReason);
    }

    /** The attempt this delivery is, counted from 1: the retry count plus one (1 when the header is absent). */
    public int attempt() {
        return retryCount == null ? 1 : retryCount + 1;
    }

    public String queueName() {
        return queueName;
    }

    public String taskName() {
        return taskName;
    }

    public Integer retryCount() {
        return retryCount;
    }

    public Integer executionCount() {
        return executionCount;
    }

    public Instant eta() {
        return eta;
    }

    public Integer previousResponse() {
        return previousResponse;
    }

    public String retryReason() {
        return retryReason;
    }

    /** The names of headers that were present but not in the form Cloud Tasks sends. */
    public List<String> malformed() {
        return malformed;
    }

    private static void set(Message message, String name, Object value) {
        if (value != null) {
            message.setHeader(name, value);
        }
    }

    private static String text(Message message, String name) {
        Object value = message.getHeader(name);
        if (value == null) {
            // Camel's header map ignores case unless an application configured otherwise; HTTP names never depend on it
            for (var header : message.getHeaders().entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    value = header.getValue();
                    break;
                }
            }
        }
        if (value instanceof Iterable<?> values) {
            // a repeated header: Cloud Tasks sends each once, so the first one counts
            var it = values.iterator();
            value = it.hasNext() ? it.next() : null;
        }
        return value == null ? null : value.toString().trim();
    }

    private static Integer integer(Message message, String name, List<String> bad) {
        String value = text(message, name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        bad.add(name);
        return null;
    }

    private static Instant instant(Message message, String name, List<String> bad) {
        String value = text(message, name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(value);
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole, nanos);
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
            bad.add(name);
            return null;
        }
    }
}
