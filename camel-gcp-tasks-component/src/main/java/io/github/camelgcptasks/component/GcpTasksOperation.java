package io.github.camelgcptasks.component;

/**
 * What a {@code gcp-tasks} producer does with an exchange. Chosen by the endpoint's {@code operation} option or, per
 * exchange, by the {@link GcpTasksConstants#OPERATION} header.
 */
public enum GcpTasksOperation {
    createTask,
    getTask,
    deleteTask,
    listTasks,
    runTask,
    createQueue,
    getQueue,
    listQueues,
    pauseQueue,
    resumeQueue,
    purgeQueue,
    deleteQueue
}
