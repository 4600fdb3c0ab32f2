package io.github.camelgcptasks.emulator.queue;

import java.time.Instant;

/**
 * The counts Cloud Tasks' v2beta3 API reports as {@code Queue.stats}, which the v2 API does not have.
 *
 * @param tasksCount                 tasks in the queue: waiting, being dispatched, or waiting for a retry
 * @param oldestEstimatedArrivalTime schedule time of the earliest waiting task, or null when none waits
 * @param executedLastMinuteCount    attempts that ended (with an answer, a timeout or no connection) in the last
 *                                   minute
 * @param concurrentDispatchesCount  attempts sent and not answered yet, of tasks still in the queue
 */
public record QueueCounts(long tasksCount, Instant oldestEstimatedArrivalTime, long executedLastMinuteCount,
                          long concurrentDispatchesCount) {
}
