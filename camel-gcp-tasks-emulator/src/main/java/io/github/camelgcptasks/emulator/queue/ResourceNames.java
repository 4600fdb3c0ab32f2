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

    /** Checks a location name ({@code projects/P/locations/L}) and returns it. */
    public static String location(String name) {
        if (name == null || !LOCATION.matcher(name).matches()) {
            throw TasksException.invalidArgument("Invalid location name \"" + name
                    + "\": it must be of the form projects/PROJECT_ID/locations/LOCATION_ID");
        }
        return name;
    }

    /** Checks a full queue name and returns it. */
    public static String queue(String name) {
        int at = name == null ? -1 : name.lastIndexOf(QUEUES);
        if (at < 0) {
            throw TasksException.invalidArgument("Invalid queue name \"" + name
                    + "\": it must be of the form projects/PROJECT_ID/locations/LOCATION_ID/queues/QUEUE_ID");
        }
        location(name.substring(0, at));
        queueId(name.substring(at + QUEUES.length()));
        return name;
    }

    /** Checks a queue id: letters, digits and hyphens, 1 to 100 characters. */
    public static String queueId(String id) {
        if (!QUEUE_ID.matcher(id).matches()) {
            throw TasksException.invalidArgument("Invalid queue ID \"" + id + "\": a queue ID can contain only letters "
                    + "([A-Za-z]), numbers ([0-9]) and hyphens (-), and must be 1 to 100 characters long");
        }
        return id;
    }

    /** Checks a task id: letters, digits, underscores and hyphens, 1 to 500 characters. */
    public static String taskId(String id) {
        if (!TASK_ID.matcher(id).matches()) {
            throw TasksException.invalidArgument("Invalid task ID \"" + abbreviate(id) + "\": a task ID can contain "
                    + "only letters ([A-Za-z]), numbers ([0-9]), hyphens (-) and underscores (_), and must be 1 to 500 "
                    + "characters long");
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
            throw TasksException.invalidArgument("Invalid task name \"" + abbreviate(taskName) + "\": it must be of the "
                    + "form projects/PROJECT_ID/locations/LOCATION_ID/queues/QUEUE_ID/tasks/TASK_ID");
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

    private static String abbreviate(String s) {
        return s != null && s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
