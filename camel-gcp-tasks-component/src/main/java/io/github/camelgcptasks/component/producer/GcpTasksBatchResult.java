package io.github.camelgcptasks.component.producer;

import com.google.cloud.tasks.v2.Task;

/**
 * The outcome for one element of a batch (a List or array body sent with {@code batch=true}): the element's index in
 * the body, and either the task created for it or the exception that stopped it. An element refused before any call
 * (for example too large) and one refused by Cloud Tasks are both reported here; neither fails the other elements.
 *
 * @param index     the element's position in the body, from 0
 * @param taskName  the full name of the created task; with {@code ignoreAlreadyExists}, the name that already existed;
 *                  null when the element failed
 * @param task      the task Cloud Tasks created; null when the element failed or its name already existed
 * @param exception why the element failed ({@link io.github.camelgcptasks.component.GcpTasksException} or
 *                  {@link io.github.camelgcptasks.component.GcpTasksInvalidInputException}); null on success
 */
public record GcpTasksBatchResult(int index, String taskName, Task task, Exception exception) {

    public static GcpTasksBatchResult created(int index, String taskName, Task task) {
        return new GcpTasksBatchResult(index, taskName, task, null);
    }

    public static GcpTasksBatchResult failed(int index, Exception exception) {
        return new GcpTasksBatchResult(index, null, null, exception);
    }

    public boolean isSuccess() {
        return exception == null;
    }
}
