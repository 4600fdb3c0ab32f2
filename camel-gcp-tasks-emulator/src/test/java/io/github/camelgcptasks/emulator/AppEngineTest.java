package io.github.camelgcptasks.emulator;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.tasks.v2.AppEngineHttpRequest;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.HttpMethod;
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
    void withoutAnAppEngineHostTasksAreRefusedSayingHowToEnableThem() throws Exception {
        try (CloudTasksEmulator emulator = CloudTasksEmulator.builder().port(0).queue(QUEUE).build().start();
             CloudTasksClient client = Clients.client(emulator)) {

            var e = failure(() -> client.createTask(QUEUE, appEngineTask()));

            assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.FAILED_PRECONDITION);
            assertThat(e.getMessage()).contains("--app-engine-host").contains("appEngineHost");
        }
    }
}
