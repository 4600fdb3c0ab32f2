package io.github.camelgcptasks.emulator.queue;

import com.google.cloud.tasks.v2.Attempt;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a queue remembers of its tasks' attempts and counts for the console, driven as the dispatcher drives it. */
class AttemptHistoryTest {

    private final Instant start = Instant.parse("2026-01-01T10:00:00Z");
    private final TaskQueue queue = new TaskQueue(QueueConfig.withDefaults("projects/p/locations/l/queues/q"),
            Duration.ofHours(1), Clock.fixed(start, ZoneOffset.UTC));
    private final Task created = queue.create("t", new TaskValidator(false).validateNew(Task.newBuilder()
            .setHttpRequest(HttpRequest.newBuilder().setUrl("http://localhost/x")).build(), "", start),
            Task.View.BASIC);

    /** One attempt, dispatched at {@code at} and answered {@code status} a second later, retried a second after. */
    private void attempt(Instant at, int status) {
        DispatchAttempt attempt = queue.pollDue(at);
        assertThat(attempt).as("a due task at " + at).isNotNull();
        queue.recordOutcome(attempt, AttemptResult.response(status), at.plusSeconds(2), at.plusSeconds(1));
    }

    @Test
    void keepsEveryAttemptOldestFirstWithTheOneInFlightLast() {
        attempt(start, 503);
        attempt(start.plusSeconds(2), 404);
        queue.pollDue(start.plusSeconds(4));

        List<Attempt> attempts = queue.attempts("t");

        assertThat(attempts).extracting(a -> a.getResponseStatus().getMessage())
                .containsExactly("UNAVAILABLE(14): HTTP status code 503", "NOT_FOUND(5): HTTP status code 404",
                        "");
        assertThat(attempts).extracting(a -> a.getDispatchTime().getSeconds() - start.getEpochSecond())
                .containsExactly(0L, 2L, 4L);
        assertThat(attempts.get(1).getResponseTime().getSeconds() - start.getEpochSecond()).isEqualTo(3);
        assertThat(attempts.get(2).hasResponseTime()).isFalse();
        assertThat(queue.get("t", Task.View.BASIC).getLastAttempt()).isEqualTo(attempts.get(2));
    }

    @Test
    void keepsTheLastHundredAttempts() {
        for (int i = 0; i < TaskRecord.ATTEMPT_HISTORY + 5; i++) {
            attempt(start.plusSeconds(2L * i), 500);
        }

        List<Attempt> attempts = queue.attempts("t");

        assertThat(attempts).hasSize(TaskRecord.ATTEMPT_HISTORY);
        assertThat(attempts.get(0).getDispatchTime().getSeconds() - start.getEpochSecond()).isEqualTo(10);
        assertThat(queue.get("t", Task.View.BASIC).getDispatchCount()).isEqualTo(TaskRecord.ATTEMPT_HISTORY + 5);
    }

    @Test
    void statsCountTasksInFlightAndAttemptsEndedInTheLastMinute() {
        queue.create("u", created.toBuilder().clearName().build(), Task.View.BASIC);
        attempt(start, 503);
        DispatchAttempt inFlight = queue.pollDue(start.plusSeconds(1));

        QueueCounts stats = queue.stats(start.plusSeconds(1));

        assertThat(stats.tasksCount()).isEqualTo(2);
        assertThat(stats.concurrentDispatchesCount()).isEqualTo(1);
        assertThat(stats.executedLastMinuteCount()).isEqualTo(1);
        assertThat(stats.oldestEstimatedArrivalTime()).isEqualTo(start.plusSeconds(2));
        assertThat(queue.stats(start.plusSeconds(61)).executedLastMinuteCount()).isZero();

        queue.delete(inFlight.taskId());
        assertThat(queue.stats(start.plusSeconds(1)).concurrentDispatchesCount())
                .as("a deleted task's attempt is no longer the queue's").isZero();
        queue.recordOutcome(inFlight, AttemptResult.response(200), null, start.plusSeconds(2));
        assertThat(queue.stats(start.plusSeconds(2)).concurrentDispatchesCount()).isZero();
        assertThat(queue.stats(start.plusSeconds(2)).executedLastMinuteCount()).isEqualTo(2);
    }
}
