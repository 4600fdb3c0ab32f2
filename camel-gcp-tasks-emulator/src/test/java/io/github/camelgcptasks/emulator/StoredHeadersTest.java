package io.github.camelgcptasks.emulator;

import com.google.cloud.tasks.v2.AppEngineHttpRequest;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.CreateTaskRequest;
import com.google.cloud.tasks.v2.GetTaskRequest;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.ByteString;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.support.EmulatorFixture;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The headers a task is stored with, as recorded from the service: the task's own (their spelling kept) plus the
 * service's, the same in CreateTask (FULL), GetTask (BASIC) and GetTask (FULL).
 */
class StoredHeadersTest {

    private static final String APP_ENGINE_USER_AGENT = "AppEngine-Google; (+http://code.google.com/appengine)";
    private static final ByteString BODY = ByteString.copyFromUtf8("{\"hello\":\"world\"}"); // 17 bytes, as recorded

    @RegisterExtension
    static final EmulatorFixture FIXTURE = new EmulatorFixture(new CloudTasksEmulatorExtension(
            CloudTasksEmulator.builder().appEngineHost("http://127.0.0.1:9")));

    private final CloudTasksClient client = FIXTURE.client();
    private final String queue = FIXTURE.newPausedQueue("headers");

    /** The headers of the task in the answers of CreateTask (FULL), GetTask (BASIC) and GetTask (FULL). */
    private List<Map<String, String>> storedHeaders(Task task, Function<Task, Map<String, String>> headers) {
        Task created = client.createTask(CreateTaskRequest.newBuilder().setParent(queue).setTask(task)
                .setResponseView(Task.View.FULL).build());
        Task basic = client.getTask(GetTaskRequest.newBuilder().setName(created.getName())
                .setResponseView(Task.View.BASIC).build());
        Task full = client.getTask(GetTaskRequest.newBuilder().setName(created.getName())
                .setResponseView(Task.View.FULL).build());
        return List.of(headers.apply(created), headers.apply(basic), headers.apply(full));
    }

    private static Task http(Map<String, String> headers) {
        return Task.newBuilder().setHttpRequest(HttpRequest.newBuilder().setUrl("http://127.0.0.1:9/recv")
                .putAllHeaders(headers).setBody(BODY)).build();
    }

    private static Task appEngine(Map<String, String> headers) {
        return Task.newBuilder().setAppEngineHttpRequest(AppEngineHttpRequest.newBuilder().setRelativeUri("/recv")
                .putAllHeaders(headers).setBody(BODY)).build();
    }

    @Test
    void httpTask() {
        assertThat(storedHeaders(http(Map.of("X-Mixed-Case", "preserve-me", "content-type", "application/json")),
                t -> t.getHttpRequest().getHeadersMap()))
                .containsOnly(Map.of("User-Agent", "Google-Cloud-Tasks", "X-Mixed-Case", "preserve-me",
                        "content-type", "application/json"));
    }

    @Test
    void httpTaskWithoutContentType() {
        assertThat(storedHeaders(http(Map.of("X-Mixed-Case", "preserve-me")), t -> t.getHttpRequest().getHeadersMap()))
                .containsOnly(Map.of("User-Agent", "Google-Cloud-Tasks", "X-Mixed-Case", "preserve-me"));
    }

    @Test
    void httpTaskUserAgentIsReplaced() {
        assertThat(storedHeaders(http(Map.of("user-agent", "my-app/1.0")), t -> t.getHttpRequest().getHeadersMap()))
                .containsOnly(Map.of("User-Agent", "Google-Cloud-Tasks"));
    }

    @Test
    void appEngineTask() {
        assertThat(storedHeaders(appEngine(Map.of("X-Mixed-Case", "preserve-me", "content-type", "application/json")),
                t -> t.getAppEngineHttpRequest().getHeadersMap()))
                .containsOnly(Map.of("Content-Length", "17", "User-Agent", APP_ENGINE_USER_AGENT,
                        "X-Mixed-Case", "preserve-me", "content-type", "application/json"));
    }

    @Test
    void appEngineTaskWithoutContentType() {
        assertThat(storedHeaders(appEngine(Map.of("X-Mixed-Case", "preserve-me")),
                t -> t.getAppEngineHttpRequest().getHeadersMap()))
                .containsOnly(Map.of("Content-Length", "17", "Content-Type", "application/octet-stream",
                        "User-Agent", APP_ENGINE_USER_AGENT, "X-Mixed-Case", "preserve-me"));
    }
}
