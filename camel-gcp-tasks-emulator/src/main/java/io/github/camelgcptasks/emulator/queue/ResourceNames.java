package io.github.camelgcptasks.emulator.queue;

import java.util.regex.Pattern;

/**
 * Parsing and validation of Cloud Tasks resource names: {@code projects/P/locations/L},
 * {@code .../queues/Q} and {@code .../queues/Q/tasks/T}, with the id rules of the real service.
 */
public final class ResourceNames {

    private static final Pattern LOCATION = Pattern.compile("projects/[A-Za-z0-9.:_-]+/locations/[A-Za-z0-9_-]+");
    private static final Pattern QUEUE_ID = Pattern.compile("[A-Za-z0-9-]{1,100}");
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_-]{1,500}");
    private static final String QUEUES = "/queues/";
    private static final String TASKS = "/tasks/";

    private ResourceNames() {
    }

    /**
     * Checks a location name ({@code projects/P/locations/L}) given as a parent and returns it. The service resolves
     * any parent to a project and checks the caller's permission on it first, so a malformed parent is refused with
     * PERMISSION_DENIED on the project it names.
     */
    public static String location(String name) {
        if (name == null || !LOCATION.matcher(name).matches()) {
            throw TasksException.permissionDenied(projectOf(name == null ? "" : name));
        }
        return name;
    }

    /** Checks a full queue name and returns it. */
    public static String queue(String name) {
        int at = name == null ? -1 : name.lastIndexOf(QUEUES);
        if (at < 0 || !LOCATION.matcher(name.substring(0, at)).matches()) {
            throw TasksException.invalidArgument("Queue name must be formatted: "
                    + "\"projects/<PROJECT_ID>/locations/<LOCATION_ID>/queues/<QUEUE_ID>\".", "Definition of queue name",
                    "https://cloud.google.com/tasks/docs/reference/rest/v2/projects.locations.queues#Queue.FIELDS.name");
        }
        queueId(name.substring(at + QUEUES.length()));
        return name;
    }

    /** Checks a queue id: letters, digits and hyphens, 1 to 100 characters. */
    public static String queueId(String id) {
        if (!QUEUE_ID.matcher(id).matches()) {
            // worded like the service's recorded answer for a task id
            throw TasksException.invalidArgument("Queue ID \"" + abbreviate(id) + "\" can contain only letters "
                    + "([A-Za-z]), numbers ([0-9]), or hyphens (-). Queue ID must be between 1 and 100 characters.");
        }
        return id;
    }

    /** Checks a task id: letters, digits, underscores and hyphens, 1 to 500 characters. */
    public static String taskId(String id) {
        if (!TASK_ID.matcher(id).matches()) {
            // the service's text, its grammar included
            throw TasksException.invalidArgument("Task ID \"" + abbreviate(id) + "\" can contain only letters "
                    + "([A-Za-z]), numbers ([0-9]), hyphens (-), or underscores (_). Task ID must between 1 and 500 "
                    + "characters.", "Definition of task ID",
                    "https://cloud.google.com/tasks/docs/reference/rest/v2/projects.locations.queues.tasks#Task.FIELDS.name");
        }
        return id;
    }

    /** The last segment of a queue name. */
    public static String queueIdOf(String queueName) {
        return queueName.substring(queueName.lastIndexOf('/') + 1);
    }

    /** The queue part of a task name; validates the whole task name. */
    public static String queueOfTask(String taskName) {
        int at = taskName == null ? -1 : taskName.lastIndexOf(TASKS);
        if (at < 0) {
            throw TasksException.invalidArgument("Task name must be formatted: "
                    + "\"projects/<PROJECT_ID>/locations/<LOCATION_ID>/queues/<QUEUE_ID>/tasks/<TASK_ID>\".");
        }
        String queue = queue(taskName.substring(0, at));
        taskId(taskName.substring(at + TASKS.length()));
        return queue;
    }

    /** The task id of a task name known to be valid. */
    public static String taskIdOf(String taskName) {
        return taskName.substring(taskName.lastIndexOf('/') + 1);
    }

    public static String taskName(String queueName, String taskId) {
        return queueName + TASKS + taskId;
    }

    /** The project a parent names, as the service reads it: the segment after {@code projects/}, else all of it. */
    private static String projectOf(String parent) {
        if (parent.startsWith("projects/")) {
            int end = parent.indexOf('/', "projects/".length());
            return end < 0 ? parent.substring("projects/".length()) : parent.substring("projects/".length(), end);
        }
        return parent;
    }

    private static String abbreviate(String s) {
        return s != null && s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
