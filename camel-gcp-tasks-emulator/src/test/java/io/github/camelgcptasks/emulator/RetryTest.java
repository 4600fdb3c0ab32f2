package io.github.camelgcptasks.emulator;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.RetryConfig;
import com.google.cloud.tasks.v2.Task;
import com.google.rpc.Code;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.support.EmulatorFixture;
import io.github.camelgcptasks.emulator.support.RecordingReceiver;
import io.github.camelgcptasks.emulator.support.RecordingReceiver.Received;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelgcptasks.emulator.support.Clients.failure;
import static io.github.camelgcptasks.emulator.support.Clients.httpTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RetryTest {

    @RegisterExtension
    static final EmulatorFixture FIXTURE = new EmulatorFixture(new CloudTasksEmulatorExtension());

    private final CloudTasksClient client = FIXTURE.client();
    private final RecordingReceiver receiver = FIXTURE.newReceiver();

    private String queue(RetryConfig.Builder retry) {
        return FIXTURE.newQueue("retry", builder -> builder.setRetryConfig(retry));
    }

    private static com.google.protobuf.Duration millis(long ms) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(ms / 1000).setNanos((int) (ms % 1000) * 1_000_000)
                .build();
    }

    @Test
    void countsRetriesAndExecutionsLikeCloudTasks() {
        String queue = queue(RetryConfig.newBuilder());
        receiver.thenAnswer(503, 404, 200);

        Task task = client.createTask(queue, httpTask(receiver.url("/flaky"), "x").build());

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 3);
        List<Received> attempts = receiver.received();
        assertThat(attempts).extracting(r -> r.header("X-CloudTasks-TaskRetryCount"))
                .containsExactly("0", "1", "2");
        assertThat(attempts).extracting(r -> r.header("X-CloudTasks-TaskExecutionCount"))
                .containsExactly("0", "0", "1");
        assertThat(attempts).extracting(r -> r.header("X-CloudTasks-TaskPreviousResponse"))
                .containsExactly(null, "503", "404");
        assertThat(attempts).extracting(r -> r.header("X-CloudTasks-TaskRetryReason"))
                .containsExactly(null, "", "");
        assertThat(attempts).extracting(Received::bodyText).containsOnly("x");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(failure(() -> client.getTask(task.getName())).getMessage())
                        .contains("The task no longer exists"));
        assertThat(client.listTasks(queue).iterateAll()).isEmpty();
    }

    @Test
    void keepsTaskFieldsCurrentBetweenAttempts() {
        // a long backoff keeps the task waiting after its first failed attempt
        String queue = queue(RetryConfig.newBuilder().setMinBackoff(millis(60_000)).setMaxBackoff(millis(120_000)));
        receiver.answerWith(request -> 500);

        Task created = client.createTask(queue, httpTask(receiver.url("/fails"), "x").build());

        await().atMost(Duration.ofSeconds(10)).until(() -> client.getTask(created.getName()).getResponseCount() == 1);
        Task task = client.getTask(created.getName());
        assertThat(task.getDispatchCount()).isEqualTo(1);
        assertThat(task.getResponseCount()).isEqualTo(1);
        assertThat(task.getFirstAttempt().hasDispatchTime()).isTrue();
        assertThat(task.getLastAttempt().getDispatchTime()).isEqualTo(task.getFirstAttempt().getDispatchTime());
        assertThat(task.getLastAttempt().hasResponseTime()).isTrue();
        assertThat(task.getLastAttempt().getScheduleTime()).isEqualTo(created.getScheduleTime());
        assertThat(task.getLastAttempt().getResponseStatus().getCode()).isEqualTo(Code.INTERNAL_VALUE); // HTTP 500
        assertThat(task.getLastAttempt().getResponseStatus().getMessage()).isEqualTo("INTERNAL(13): HTTP status code 500");
        // the next attempt is scheduled one min_backoff (60 s) after the failure
        long delay = task.getScheduleTime().getSeconds() - task.getLastAttempt().getResponseTime().getSeconds();
        assertThat(delay).isBetween(59L, 61L);
    }

    @Test
    void backoffFollowsTheFormulaAndMaxAttemptsDropsTheTask() {
        // min 100 ms, 2 doublings: waits of 100, 200, 400 ms, then linear growth by 400 ms: 800 ms
        String queue = queue(RetryConfig.newBuilder().setMinBackoff(millis(100)).setMaxBackoff(millis(10_000))
                .setMaxDoublings(2).setMaxAttempts(5));
        receiver.answerWith(request -> 503);

        Task task = client.createTask(queue, httpTask(receiver.url("/down"), "x").build());

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(failure(() -> client.getTask(task.getName())).getMessage())
                        .contains("The task no longer exists"));
        List<Received> attempts = receiver.received();
        assertThat(attempts).hasSize(5);
        long[] expected = {100, 200, 400, 800};
        for (int i = 0; i < expected.length; i++) {
            long gap = Duration.between(attempts.get(i).at(), attempts.get(i + 1).at()).toMillis();
            // tolerance: never noticeably early (timer and clock granularity: 20 ms); up to 500 ms late on a loaded
            // 2-core machine
            assertThat(gap).as("wait before retry %d", i + 1).isBetween(expected[i] - 20, expected[i] + 500);
        }
        // dropped after max_attempts: no sixth attempt
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> receiver.received().size() == 5);
    }

    @Test
    void deadlineOverrunIsRetriedAndReportedAs504() {
        String queue = queue(RetryConfig.newBuilder());
        // the first attempt gets no answer within the 15 s minimum dispatch deadline
        receiver.delay(request -> "0".equals(request.header("X-CloudTasks-TaskRetryCount"))
                ? Duration.ofSeconds(20) : Duration.ZERO);

        Task task = client.createTask(queue, httpTask(receiver.url("/slow"), "x")
                .setDispatchDeadline(com.google.protobuf.Duration.newBuilder().setSeconds(15)).build());

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 2);
        Received retry = receiver.received().get(1);
        assertThat(retry.header("X-CloudTasks-TaskRetryCount")).isEqualTo("1");
        assertThat(retry.header("X-CloudTasks-TaskPreviousResponse")).isEqualTo("504");
        // a timeout is not an execution
        assertThat(retry.header("X-CloudTasks-TaskExecutionCount")).isEqualTo("0");
        long waited = Duration.between(receiver.received().get(0).at(), retry.at()).toMillis();
        assertThat(waited).isBetween(15_000L, 25_000L);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(failure(() -> client.getTask(task.getName())).getMessage())
                        .contains("The task no longer exists"));
    }

    @Test
    void refusedConnectionIsRetried() throws Exception {
        String queue = queue(RetryConfig.newBuilder().setMinBackoff(millis(60_000)).setMaxBackoff(millis(60_000)));
        String url;
        try (RecordingReceiver closed = new RecordingReceiver()) {
            url = closed.url("/gone");
        }

        Task created = client.createTask(queue, httpTask(url, "x").build());

        await().atMost(Duration.ofSeconds(10)).until(() -> client.getTask(created.getName()).getDispatchCount() == 1
                && client.getTask(created.getName()).getLastAttempt().hasResponseTime());
        Task task = client.getTask(created.getName());
        assertThat(task.getResponseCount()).isZero();
        assertThat(task.getLastAttempt().getResponseStatus().getCode()).isEqualTo(Code.UNAVAILABLE_VALUE);
        assertThat(task.getScheduleTime().getSeconds()).isGreaterThan(created.getScheduleTime().getSeconds() + 50);
    }
}
