package io.github.camelgcptasks.emulator.console;

import com.google.cloud.tasks.v2.Attempt;
import com.google.cloud.tasks.v2beta3.ListQueuesResponse;
import com.google.cloud.tasks.v2beta3.Queue;
import com.google.cloud.tasks.v2beta3.QueueStats;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.github.camelgcptasks.emulator.queue.QueueRegistry;
import io.github.camelgcptasks.emulator.queue.QueueCounts;
import io.github.camelgcptasks.emulator.queue.ResourceNames;
import io.github.camelgcptasks.emulator.queue.TaskQueue;
import io.github.camelgcptasks.emulator.queue.TaskValidator;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;

/**
 * The emulator's own read-only documents, for what the v2 API does not tell: the counts v2beta3 calls
 * {@code Queue.stats}, and every attempt of a task (v2 keeps only the first and the last). Answers are proto3 JSON of
 * Google's own messages, so clients read them as they read the REST API. {@link ConsoleService} serves them.
 */
public final class EmulatorInsights {

    // as Google's REST answers: zeros and unset fields are left out
    private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();

    private final QueueRegistry queues;
    private final Clock clock;

    public EmulatorInsights(QueueRegistry queues, Clock clock) {
        this.queues = queues;
        this.clock = clock;
    }

    /**
     * Every queue of the emulator, whatever its project and location, as a v2beta3 {@code ListQueuesResponse} whose
     * queues carry only {@code name} and {@code stats}.
     */
    public String queuesJson() {
        ListQueuesResponse.Builder answer = ListQueuesResponse.newBuilder();
        for (TaskQueue queue : queues.all()) {
            QueueCounts stats = queue.stats(clock.instant());
            QueueStats.Builder json = QueueStats.newBuilder()
                    .setTasksCount(stats.tasksCount())
                    .setExecutedLastMinuteCount(stats.executedLastMinuteCount())
                    .setConcurrentDispatchesCount(stats.concurrentDispatchesCount())
                    // the ceiling the service applies; it lowers it under errors, which the emulator does not
                    .setEffectiveExecutionRate(queue.isDispatching()
                            ? queue.config().getRateLimits().getMaxDispatchesPerSecond() : 0);
            if (stats.oldestEstimatedArrivalTime() != null) {
                json.setOldestEstimatedArrivalTime(TaskValidator.timestamp(stats.oldestEstimatedArrivalTime()));
            }
            answer.addQueues(Queue.newBuilder().setName(queue.name()).setStats(json));
        }
        return print(answer);
    }

    /**
     * {@code {"attempts": [Attempt, ...]}}: the attempts of a task, oldest first, the one in flight (no response yet)
     * last.
     *
     * @param taskName {@code projects/P/locations/L/queues/Q/tasks/T}
     * @throws io.github.camelgcptasks.emulator.queue.TasksException NOT_FOUND or INVALID_ARGUMENT as GetTask answers
     */
    public String attemptsJson(String taskName) {
        TaskQueue queue = queues.get(ResourceNames.queueOfTask(taskName));
        List<Attempt> attempts = queue.attempts(ResourceNames.taskIdOf(taskName));
        StringBuilder json = new StringBuilder("{\"attempts\":[");
        for (int i = 0; i < attempts.size(); i++) {
            json.append(i == 0 ? "" : ",").append(print(attempts.get(i)));
        }
        return json.append("]}").toString();
    }

    private static String print(MessageOrBuilder message) {
        try {
            return JSON.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new UncheckedIOException(e);
        }
    }
}
