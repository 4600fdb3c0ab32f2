package io.github.camelgcptasks.emulator.queue;

import com.google.protobuf.Message;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Help;
import com.google.rpc.LocalizedMessage;
import io.grpc.Status;
import java.util.List;

/**
 * A refusal with the status code and message the real Cloud Tasks service answers with. The gRPC layer turns it
 * into a {@link Status}; nothing else about it is gRPC specific.
 */
public final class TasksException extends RuntimeException {

    /** Message of the real service for a live name that is created again. */
    public static final String ALREADY_EXISTS_MESSAGE = "Requested entity already exists";
    /** Message of the real service for a name that never existed. */
    public static final String NOT_FOUND_MESSAGE = "Requested entity was not found.";
    /** Message of the real service for an operation on an unknown queue. */
    public static final String QUEUE_NOT_FOUND_MESSAGE =
            "Queue does not exist. If you just created the queue, wait at least a minute for the queue to initialize.";
    /** Message of the real service for CreateQueue of a queue that exists. */
    public static final String QUEUE_ALREADY_EXISTS_MESSAGE = "Queue already exists";
    /** Message of the real service for CreateQueue of a name deleted within the last 7 days. */
    public static final String QUEUE_RECENTLY_DELETED_MESSAGE =
            "The queue cannot be created because a queue with this name existed too recently.";
    /** Message of the real service for a task that completed or was deleted within the tombstone window. */
    public static final String TASK_GONE_MESSAGE = "The task no longer exists, though a task with this name existed "
            + "recently. The task either successfully completed or was deleted.";

    private final Status.Code code;
    private final List<Message> details;

    private TasksException(Status.Code code, String message, Message... details) {
        // no stack trace: these are answers to callers, not bugs, and some sit on the hot path
        super(message, null, false, false);
        this.code = code;
        this.details = List.of(details);
    }

    public Status.Code code() {
        return code;
    }

    /** The error details the service attaches ({@code google.rpc.Help}, {@code ErrorInfo}, ...), often none. */
    public List<Message> details() {
        return details;
    }

    /** An INVALID_ARGUMENT with the service's link to the definition of the field, as it answers bad names. */
    public static TasksException invalidArgument(String message, String definition, String url) {
        return new TasksException(Status.Code.INVALID_ARGUMENT, message, help(definition, url));
    }

    public static TasksException invalidArgument(String message) {
        return new TasksException(Status.Code.INVALID_ARGUMENT, message);
    }

    public static TasksException alreadyExists() {
        return new TasksException(Status.Code.ALREADY_EXISTS, ALREADY_EXISTS_MESSAGE);
    }

    public static TasksException queueAlreadyExists() {
        return new TasksException(Status.Code.ALREADY_EXISTS, QUEUE_ALREADY_EXISTS_MESSAGE);
    }

    public static TasksException queueRecentlyDeleted() {
        return new TasksException(Status.Code.FAILED_PRECONDITION, QUEUE_RECENTLY_DELETED_MESSAGE);
    }

    /** DeleteQueue of an unknown queue: the service answers its generic text, not the queue-specific one. */
    public static TasksException entityNotFound() {
        return new TasksException(Status.Code.NOT_FOUND, NOT_FOUND_MESSAGE);
    }

    /** A parent that names no project the caller may use; the service resolves any string to a project. */
    public static TasksException permissionDenied(String project) {
        String message = "Permission denied on resource project " + project + ".";
        return new TasksException(Status.Code.PERMISSION_DENIED, message,
                ErrorInfo.newBuilder().setReason("CONSUMER_INVALID").setDomain("googleapis.com")
                        .putMetadata("consumer", "projects/" + project).putMetadata("containerInfo", project)
                        .putMetadata("service", "cloudtasks.googleapis.com").build(),
                LocalizedMessage.newBuilder().setLocale("en-US").setMessage(message).build(),
                help("Google developers console", "https://console.developers.google.com"));
    }

    private static Help help(String description, String url) {
        return Help.newBuilder().addLinks(Help.Link.newBuilder().setDescription(description).setUrl(url)).build();
    }

    public static TasksException queueNotFound() {
        return new TasksException(Status.Code.NOT_FOUND, QUEUE_NOT_FOUND_MESSAGE);
    }

    public static TasksException taskNotFound() {
        return new TasksException(Status.Code.NOT_FOUND, NOT_FOUND_MESSAGE);
    }

    public static TasksException taskGone() {
        return new TasksException(Status.Code.NOT_FOUND, TASK_GONE_MESSAGE);
    }

    public static TasksException failedPrecondition(String message) {
        return new TasksException(Status.Code.FAILED_PRECONDITION, message);
    }
}
