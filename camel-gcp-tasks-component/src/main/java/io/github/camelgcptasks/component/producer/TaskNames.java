package io.github.camelgcptasks.component.producer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.cloud.tasks.v2.QueueName;
import com.google.cloud.tasks.v2.TaskName;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.component.GcpTasksInvalidInputException;

/**
 * Turns what a user writes in the {@link GcpTasksConstants#TASK_NAME} header, a short task id ({@code order-42}) or a
 * full {@code projects/P/locations/L/queues/Q/tasks/ID} name, into a full task name, checked against Cloud Tasks'
 * rule for task ids.
 */
public final class TaskNames {

    /** Cloud Tasks' rule for task ids. */
    public static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_-]{1,500}");

    private static final Pattern FULL_NAME
            = Pattern.compile("projects/([^/]+)/locations/([^/]+)/queues/([^/]+)/tasks/([^/]*)");

    private TaskNames() {
    }

    /**
     * The task a get, delete or run call is about. A full name may point into any queue; a short id is completed with
     * the endpoint's queue.
     */
    public static TaskName resolve(String value, QueueName queue) {
        if (value == null || value.isBlank()) {
            throw new GcpTasksInvalidInputException("taskName", "taskName is missing: set the "
                                                                + GcpTasksConstants.TASK_NAME
                                                                + " header to a task id or a full task name");
        }
        Matcher full = FULL_NAME.matcher(value);
        if (full.matches()) {
            checkId(full.group(4));
            return TaskName.of(full.group(1), full.group(2), full.group(3), full.group(4));
        }
        if (value.contains("/")) {
            throw new GcpTasksInvalidInputException("taskName", "taskName '" + value + "' is neither a task id nor a"
                                                                + " full name of the form"
                                                                + " projects/PROJECT/locations/LOCATION/queues/QUEUE/tasks/TASK_ID");
        }
        checkId(value);
        return TaskName.of(queue.getProject(), queue.getLocation(), queue.getQueue(), value);
    }

    /**
     * The name of a task to create in {@code queue}: like {@link #resolve(String, QueueName)}, but a full name must
     * belong to that queue, because Cloud Tasks creates a task only in the queue the request names.
     */
    public static TaskName forCreate(String value, QueueName queue) {
        TaskName name = resolve(value, queue);
        QueueName owner = QueueName.of(name.getProject(), name.getLocation(), name.getQueue());
        if (!owner.equals(queue)) {
            throw new GcpTasksInvalidInputException("taskName", "taskName '" + value + "' belongs to queue " + owner
                                                                + ", not to the endpoint's queue " + queue
                                                                + ": a task can only be created in its own queue (remove"
                                                                + " the " + GcpTasksConstants.TASK_NAME
                                                                + " header left by an earlier gcp-tasks call)");
        }
        return name;
    }

    private static void checkId(String id) {
        if (!TASK_ID.matcher(id).matches()) {
            String problem = id.isEmpty() ? "is empty"
                    : id.length() > 500 ? "is " + id.length() + " characters long" : "contains other characters";
            throw new GcpTasksInvalidInputException("taskName", "task id '" + abbreviate(id) + "' " + problem
                                                                + ": Cloud Tasks accepts 1 to 500 letters, digits,"
                                                                + " hyphens or underscores ([A-Za-z0-9_-]{1,500})");
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
