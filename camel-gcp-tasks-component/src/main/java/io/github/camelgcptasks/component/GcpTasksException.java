package io.github.camelgcptasks.component;

import io.grpc.Status;
import org.apache.camel.RuntimeCamelException;

/**
 * A Cloud Tasks call that failed: the one exception type a {@code gcp-tasks} producer raises for gRPC failures. It
 * carries the gRPC status code (for example {@code NOT_FOUND} for a missing queue, {@code ALREADY_EXISTS} for a task
 * name in use) and the queue and task the call was about, so an {@code onException} clause can decide on them without
 * parsing the message.
 * <p>
 * Transient failures ({@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED}, ...) reach this exception only after the
 * client's own retry settings gave up; tune those on a {@code CloudTasksClient} bean of your own (the {@code client}
 * option). createTask is the exception: the client does not retry it, since a retry could create an unnamed task
 * twice; with {@code deterministicTaskId} the producer retries it itself, and this exception's message then ends with
 * how many attempts were made.
 */
public class GcpTasksException extends RuntimeCamelException {

    private static final long serialVersionUID = 1L;

    private final Status.Code statusCode;
    private final String queueName;
    private final String taskName;
    private final boolean retryable;

    public GcpTasksException(String message, Status.Code statusCode, String queueName, String taskName,
                             boolean retryable, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.queueName = queueName;
        this.taskName = taskName;
        this.retryable = retryable;
    }

    /** The gRPC status the call ended with; {@code UNKNOWN} when the failure did not come from the service. */
    public Status.Code getStatusCode() {
        return statusCode;
    }

    /** The full name of the queue the call was about, or null for calls on a location (listQueues). */
    public String getQueueName() {
        return queueName;
    }

    /** The full name of the task the call was about, or null when the call named no task. */
    public String getTaskName() {
        return taskName;
    }

    /** Whether the client considered the failure transient (after its own retries were spent). */
    public boolean isRetryable() {
        return retryable;
    }
}
