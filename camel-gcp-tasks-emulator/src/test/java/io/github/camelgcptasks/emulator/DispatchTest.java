package io.github.camelgcptasks.emulator;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.support.EmulatorFixture;
import io.github.camelgcptasks.emulator.support.RecordingReceiver;
import io.github.camelgcptasks.emulator.support.RecordingReceiver.Received;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelgcptasks.emulator.support.Clients.failure;
import static io.github.camelgcptasks.emulator.support.Clients.httpTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

class DispatchTest {

    @RegisterExtension
    static final EmulatorFixture FIXTURE = new EmulatorFixture(new CloudTasksEmulatorExtension());

    private final CloudTasksClient client = FIXTURE.client();
    private final RecordingReceiver receiver = FIXTURE.newReceiver();
    private final String queue = FIXTURE.newQueue("dispatch");

    @Test
    void deliversMethodHeadersBodyAndCloudTasksHeaders() {
        Instant before = Instant.now();
        Task task = client.createTask(queue, Task.newBuilder()
                .setName(queue + "/tasks/first-task")
                .setHttpRequest(HttpRequest.newBuilder()
                        .setUrl(receiver.url("/orders?x=1"))
                        .setHttpMethod(HttpMethod.PUT)
                        .putHeaders("Content-Type", "application/json")
                        .putHeaders("X-Custom", "custom value")
                        .setBody(ByteString.copyFromUtf8("{\"id\":1}")))
                .build());

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        Received request = receiver.received().get(0);
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/orders?x=1");
        assertThat(request.bodyText()).isEqualTo("{\"id\":1}");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("X-Custom")).isEqualTo("custom value");
        assertThat(request.header("User-Agent")).isEqualTo("Google-Cloud-Tasks");
        assertThat(request.header("X-CloudTasks-QueueName")).isEqualTo(queue.substring(queue.lastIndexOf('/') + 1));
        assertThat(request.header("X-CloudTasks-TaskName")).isEqualTo("first-task");
        assertThat(request.header("X-CloudTasks-TaskRetryCount")).isEqualTo("0");
        assertThat(request.header("X-CloudTasks-TaskExecutionCount")).isEqualTo("0");
        assertThat(request.header("X-CloudTasks-TaskPreviousResponse")).isNull();
        assertThat(request.header("X-CloudTasks-TaskRetryReason")).isNull();
        assertThat(request.header("Authorization")).isNull();
        String eta = request.header("X-CloudTasks-TaskETA");
        assertThat(eta).matches("[0-9]+\\.[0-9]{6}");
        Timestamp scheduled = task.getScheduleTime();
        assertThat(Double.parseDouble(eta))
                .isCloseTo(scheduled.getSeconds() + scheduled.getNanos() / 1e9, within(0.000001));
        assertThat(Double.parseDouble(eta)).isGreaterThanOrEqualTo(before.getEpochSecond());
    }

    @Test
    void successfulTaskIsRemovedAndItsNameTombstoned() {
        Task task = client.createTask(queue, httpTask(receiver.url("/ok"), "x").build());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(failure(() -> client.getTask(task.getName())).getMessage())
                        .contains("The task no longer exists"));
        assertThat(receiver.received()).hasSize(1);
        assertThat(failure(() -> client.createTask(queue, task)).getMessage())
                .contains("Requested entity already exists");
    }

    @Test
    void noContentTypeIsInventedForABodyWithoutOne() {
        client.createTask(queue, httpTask(receiver.url("/raw"), "bytes").build());

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        assertThat(receiver.received().get(0).bodyText()).isEqualTo("bytes");
        assertThat(receiver.received().get(0).header("Content-Type")).isNull();
    }

    @Test
    void theServiceUserAgentReplacesTheTasksOwn() {
        Task.Builder withAgent = httpTask(receiver.url("/agent"), "x");
        withAgent.getHttpRequestBuilder().putHeaders("user-agent", "my-app/1.0");
        client.createTask(queue, withAgent.build());

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        assertThat(receiver.received().get(0).headers().get("User-Agent")).containsExactly("Google-Cloud-Tasks");
    }

    @Test
    void redirectsAreFollowedWithinOneAttempt() {
        receiver.redirect("/old", receiver.url("/new"), 302);
        Task task = client.createTask(queue, Task.newBuilder().setName(queue + "/tasks/redirected")
                .setHttpRequest(HttpRequest.newBuilder().setUrl(receiver.url("/old")).setHttpMethod(HttpMethod.GET))
                .build());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(failure(() -> client.getTask(task.getName())).getMessage())
                        .contains("The task no longer exists"));
        assertThat(receiver.received()).extracting(Received::path).containsExactly("/old", "/new");
        assertThat(receiver.received().get(1).header("X-CloudTasks-TaskName")).isEqualTo("redirected");
        assertThat(receiver.received().get(1).header("X-CloudTasks-TaskRetryCount")).isEqualTo("0");
    }

    @Test
    void scheduleTimeInThePastBecomesTheCurrentTime() {
        client.pauseQueue(queue);
        Instant before = Instant.now();
        Task task = client.createTask(queue, httpTask(receiver.url("/past"), "x")
                .setScheduleTime(Timestamp.newBuilder().setSeconds(before.minusSeconds(3600).getEpochSecond()))
                .build());

        Instant scheduled = Instant.ofEpochSecond(task.getScheduleTime().getSeconds(), task.getScheduleTime().getNanos());
        assertThat(scheduled).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        client.resumeQueue(queue);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        assertThat(Double.parseDouble(receiver.received().get(0).header("X-CloudTasks-TaskETA")))
                .isGreaterThanOrEqualTo(before.getEpochSecond());
    }

    @Test
    void futureTaskWaitsForItsScheduleTime() {
        Instant at = Instant.now().plusSeconds(2);
        Task task = client.createTask(queue, httpTask(receiver.url("/later"), "x")
                .setScheduleTime(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
                .build());

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        // delivered no earlier than scheduled (the receiver's clock is the emulator's clock)
        assertThat(receiver.received().get(0).at()).isAfterOrEqualTo(at.minusMillis(1));
        assertThat(receiver.received().get(0).header("X-CloudTasks-TaskName"))
                .isEqualTo(task.getName().substring(task.getName().lastIndexOf('/') + 1));
    }
}
