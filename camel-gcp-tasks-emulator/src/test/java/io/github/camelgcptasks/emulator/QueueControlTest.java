package io.github.camelgcptasks.emulator;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.RateLimits;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.Timestamp;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.support.EmulatorFixture;
import io.github.camelgcptasks.emulator.support.RecordingReceiver;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelgcptasks.emulator.support.Clients.PARENT;
import static io.github.camelgcptasks.emulator.support.Clients.failure;
import static io.github.camelgcptasks.emulator.support.Clients.httpTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pause, resume, purge, RunTask and delete, seen from the target. */
class QueueControlTest {

    private static final Duration QUIET = Duration.ofMillis(700);
    @RegisterExtension
    static final EmulatorFixture FIXTURE = new EmulatorFixture(new CloudTasksEmulatorExtension());

    private final CloudTasksClient client = FIXTURE.client();
    private final RecordingReceiver receiver = FIXTURE.newReceiver();
    private final String queue = FIXTURE.newQueue("control");

    /** Waits {@link #QUIET} and checks nothing arrived meanwhile. */
    private void assertNothingDelivered() {
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> receiver.received().isEmpty());
    }

    @Test
    void pausedQueueAcceptsTasksButDispatchesOnlyAfterResume() {
        client.pauseQueue(queue);

        Task task = client.createTask(queue, httpTask(receiver.url("/p"), "x").build());

        assertNothingDelivered();
        assertThat(client.getTask(task.getName()).getDispatchCount()).isZero();
        client.resumeQueue(queue);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
    }

    @Test
    void purgeRemovesEveryTask() {
        client.pauseQueue(queue);
        for (int i = 0; i < 3; i++) {
            client.createTask(queue, httpTask(receiver.url("/purged"), "x").build());
        }
        Task named = client.createTask(queue, httpTask(receiver.url("/purged"), "x")
                .setName(queue + "/tasks/purged-one").build());

        client.purgeQueue(queue);

        assertThat(client.listTasks(queue).iterateAll()).isEmpty();
        assertThat(failure(() -> client.getTask(named.getName())).getStatusCode().getCode())
                .isEqualTo(StatusCode.Code.NOT_FOUND);
        client.resumeQueue(queue);
        assertNothingDelivered();
    }

    @Test
    void runTaskDispatchesAtOnceIgnoringPauseAndScheduleTime() {
        client.pauseQueue(queue);
        Instant inAnHour = Instant.now().plusSeconds(3600);
        Task task = client.createTask(queue, httpTask(receiver.url("/run"), "x")
                .setScheduleTime(Timestamp.newBuilder().setSeconds(inAnHour.getEpochSecond())).build());

        Task answered = client.runTask(task.getName());

        assertThat(answered.getName()).isEqualTo(task.getName());
        assertThat(answered.getScheduleTime().getSeconds()).isLessThan(inAnHour.getEpochSecond() - 3000);
        // the task as dispatched: this attempt is counted and is its last attempt
        assertThat(answered.getDispatchCount()).isEqualTo(1);
        assertThat(answered.getFirstAttempt().hasDispatchTime()).isTrue();
        assertThat(answered.getLastAttempt().getDispatchTime()).isEqualTo(answered.getFirstAttempt().getDispatchTime());
        assertThat(answered.getLastAttempt().hasResponseTime()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(failure(() -> client.getTask(task.getName())).getMessage())
                        .contains("The task no longer exists"));
    }

    @Test
    void runTaskDispatchesAgainWhileAnAttemptIsInFlight() {
        // the first attempt hangs until the test ends; RunTask sends a second one meanwhile
        receiver.delay(request -> "0".equals(request.header("X-CloudTasks-TaskRetryCount"))
                ? Duration.ofMinutes(5) : Duration.ZERO);
        Task task = client.createTask(queue, httpTask(receiver.url("/in-flight"), "x").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);

        Task answered = client.runTask(task.getName());

        assertThat(answered.getDispatchCount()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
        assertThat(receiver.received().get(1).header("X-CloudTasks-TaskRetryCount")).isEqualTo("1");
        assertThat(receiver.maxConcurrent()).isEqualTo(2);
        // the second attempt's 200 completes the task although the first is still out
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(failure(() -> client.getTask(task.getName())).getMessage())
                        .contains("The task no longer exists"));
    }

    @Test
    void runTaskIgnoresRateLimits() {
        String slow = queue + "-slow";
        client.createQueue(PARENT, Queue.newBuilder().setName(slow)
                .setRateLimits(RateLimits.newBuilder().setMaxDispatchesPerSecond(0.1)).build());
        client.pauseQueue(slow);
        Task[] tasks = new Task[3];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = client.createTask(slow, httpTask(receiver.url("/slow-queue"), "x").build());
        }

        // at 0.1/s with a burst of 1, these three would take 20 s; RunTask sends them at once
        for (Task task : tasks) {
            client.runTask(task.getName());
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received().size() == 3);
    }

    @Test
    void runTaskOnAnUnknownTaskIsNotFound() {
        var e = failure(() -> client.runTask(queue + "/tasks/missing"));

        assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND);
    }

    @Test
    void deletedTaskIsNotDispatched() {
        client.pauseQueue(queue);
        Task task = client.createTask(queue, httpTask(receiver.url("/deleted"), "x").build());

        client.deleteTask(task.getName());
        client.resumeQueue(queue);

        assertNothingDelivered();
    }

    @Test
    void deletedQueueStopsDispatching() {
        client.pauseQueue(queue);
        client.createTask(queue, httpTask(receiver.url("/deleted-queue"), "x").build());

        client.deleteQueue(queue);

        assertNothingDelivered();
        assertThat(failure(() -> client.listTasks(queue).iterateAll().iterator().hasNext()).getStatusCode().getCode())
                .isEqualTo(StatusCode.Code.NOT_FOUND);
    }
}
