package io.github.camelgcptasks.emulator;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.tasks.v2.AppEngineHttpRequest;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.RetryConfig;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.ByteString;
import io.github.camelgcptasks.emulator.support.Clients;
import io.github.camelgcptasks.emulator.support.RecordingReceiver;
import io.github.camelgcptasks.emulator.support.RecordingReceiver.Received;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import static io.github.camelgcptasks.emulator.support.Clients.failure;
import static io.github.camelgcptasks.emulator.support.Clients.queueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AppEngineTest {

    private static final String QUEUE = queueName("app-engine");

    private static Task appEngineTask() {
        return Task.newBuilder().setName(QUEUE + "/tasks/ae-task").setAppEngineHttpRequest(AppEngineHttpRequest
                .newBuilder()
                .setRelativeUri("/worker?job=1")
                .setHttpMethod(HttpMethod.POST)
                .putHeaders("Content-Type", "text/plain")
                .setBody(ByteString.copyFromUtf8("work"))).build();
    }

    @Test
    void withAnAppEngineHostTasksGoThereWithAppEngineHeaders() throws Exception {
        try (RecordingReceiver receiver = new RecordingReceiver().thenAnswer(500);
             CloudTasksEmulator emulator = CloudTasksEmulator.builder().port(0).queue(QUEUE)
                     .appEngineHost(receiver.baseUrl()).build().start();
             CloudTasksClient client = Clients.client(emulator)) {

            client.createTask(QUEUE, appEngineTask());

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
            Received first = receiver.received().get(0);
            assertThat(first.method()).isEqualTo("POST");
            assertThat(first.path()).isEqualTo("/worker?job=1");
            assertThat(first.bodyText()).isEqualTo("work");
            assertThat(first.header("Content-Type")).isEqualTo("text/plain");
            assertThat(first.header("X-AppEngine-QueueName")).isEqualTo("app-engine");
            assertThat(first.header("X-AppEngine-TaskName")).isEqualTo("ae-task");
            assertThat(first.header("X-AppEngine-TaskRetryCount")).isEqualTo("0");
            assertThat(first.header("X-AppEngine-TaskExecutionCount")).isEqualTo("0");
            assertThat(first.header("X-AppEngine-TaskETA")).matches("[0-9]+\\.[0-9]{6}");
            assertThat(first.header("X-CloudTasks-TaskName")).isNull();
            Received retry = receiver.received().get(1);
            assertThat(retry.header("X-AppEngine-TaskRetryCount")).isEqualTo("1");
            assertThat(retry.header("X-AppEngine-TaskPreviousResponse")).isEqualTo("500");
        }
    }

    @Test
    void attemptsCarryTheRecordedExecutionCountsAndRetryReason() throws Exception {
        String queue = queueName("app-engine-retries");
        try (RecordingReceiver receiver = new RecordingReceiver().thenAnswer(503, 404, 200);
             CloudTasksEmulator emulator = CloudTasksEmulator.builder().port(0).appEngineHost(receiver.baseUrl())
                     .build().start();
             CloudTasksClient client = Clients.client(emulator)) {
            client.createQueue(Clients.PARENT, Queue.newBuilder().setName(queue).setRetryConfig(RetryConfig
                    .newBuilder().setMinBackoff(com.google.protobuf.Duration.newBuilder().setNanos(100_000_000))
                    .setMaxBackoff(com.google.protobuf.Duration.newBuilder().setNanos(200_000_000))).build());

            client.createTask(queue, Task.newBuilder().setAppEngineHttpRequest(AppEngineHttpRequest.newBuilder()
                    .setRelativeUri("/retried").setBody(ByteString.copyFromUtf8("work"))).build());

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 3);
            // as recorded from the service: 5xx answers count as executions, the reason is "App Error"
            assertThat(receiver.received()).extracting(r -> r.header("X-AppEngine-TaskExecutionCount"))
                    .containsExactly("0", "1", "2");
            assertThat(receiver.received()).extracting(r -> r.header("X-AppEngine-TaskRetryCount"))
                    .containsExactly("0", "1", "2");
            assertThat(receiver.received()).extracting(r -> r.header("X-AppEngine-TaskPreviousResponse"))
                    .containsExactly(null, "503", "404");
            assertThat(receiver.received()).extracting(r -> r.header("X-AppEngine-TaskRetryReason"))
                    .containsExactly(null, "App Error", "App Error");
            assertThat(receiver.received()).extracting(r -> r.header("User-Agent"))
                    .containsOnly("AppEngine-Google; (+http://code.google.com/appengine)");
            assertThat(receiver.received().get(0).header("Content-Type")).isEqualTo("application/octet-stream");
        }
    }

    @Test
    void bodiesOnlyWithPostOrPutAndDeadlinesUpToADayAndFifteenSeconds() throws Exception {
        try (CloudTasksEmulator emulator = CloudTasksEmulator.builder().port(0).queue(QUEUE)
                     .appEngineHost("http://127.0.0.1:9").build().start();
             CloudTasksClient client = Clients.client(emulator)) {
            client.pauseQueue(QUEUE);
            Task.Builder patch = appEngineTask().toBuilder().clearName();
            patch.getAppEngineHttpRequestBuilder().setHttpMethod(HttpMethod.PATCH);

            var e = failure(() -> client.createTask(QUEUE, patch.build()));

            assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("AppEngineHttpRequest.body").contains("POST or PUT").contains("PATCH");
            Task longest = client.createTask(QUEUE, appEngineTask().toBuilder().clearName()
                    .setDispatchDeadline(com.google.protobuf.Duration.newBuilder().setSeconds(24 * 3600 + 15)).build());
            assertThat(longest.getDispatchDeadline().getSeconds()).isEqualTo(24 * 3600 + 15);
            var tooLong = failure(() -> client.createTask(QUEUE, appEngineTask().toBuilder().clearName()
                    .setDispatchDeadline(com.google.protobuf.Duration.newBuilder().setSeconds(24 * 3600 + 16)).build()));
            assertThat(tooLong.getMessage()).contains("dispatch_deadline").contains("24 hours 15 seconds");
        }
    }

    @Test
    void withoutAnAppEngineHostTasksAreRefusedSayingHowToEnableThem() throws Exception {
        try (CloudTasksEmulator emulator = CloudTasksEmulator.builder().port(0).queue(QUEUE).build().start();
             CloudTasksClient client = Clients.client(emulator)) {

            var e = failure(() -> client.createTask(QUEUE, appEngineTask()));

            assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.FAILED_PRECONDITION);
            assertThat(e.getMessage()).contains("--app-engine-host").contains("appEngineHost");
        }
    }
}
