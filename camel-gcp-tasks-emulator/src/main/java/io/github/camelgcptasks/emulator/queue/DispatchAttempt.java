package io.github.camelgcptasks.emulator.queue;

import com.google.cloud.tasks.v2.Task;
import java.time.Instant;

/**
 * A snapshot of one task taken when it is handed to the dispatcher, holding everything the delivery headers need,
 * so the HTTP request is built outside the queue's lock.
 *
 * @param task             the task as created (its target, headers, body and deadline)
 * @param queueId          the id of the task's queue
 * @param taskId           the task's id
 * @param retryCount       attempts made before this one
 * @param executionCount   earlier attempts that got a response other than a 5xx
 * @param previousResponse HTTP status of the previous attempt, 0 on the first attempt
 * @param retryReason      why the previous attempt failed, as the retry reason header says it ("" for HTTP targets)
 * @param eta              the time this attempt was scheduled for
 * @param firstAttempt     dispatch time of the task's first attempt (this one's on the first attempt)
 */
public record DispatchAttempt(Task task, String queueId, String taskId, int retryCount, int executionCount,
                              int previousResponse, String retryReason, Instant eta, Instant firstAttempt, TaskRecord record) {

    /** Attempts made once this one is done. */
    public int attemptsSoFar() {
        return retryCount + 1;
    }
}
