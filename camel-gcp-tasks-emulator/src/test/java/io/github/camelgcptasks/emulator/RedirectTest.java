package io.github.camelgcptasks.emulator;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.RetryConfig;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.ByteString;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.support.EmulatorFixture;
import io.github.camelgcptasks.emulator.support.RecordingReceiver;
import io.github.camelgcptasks.emulator.support.RecordingReceiver.Received;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.camelgcptasks.emulator.support.Clients.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redirects a target answers are followed within the same attempt, by the JDK HTTP client's rules, and the last
 * answer is the attempt's outcome.
 */
class RedirectTest {

    @RegisterExtension
    static final EmulatorFixture FIXTURE = new EmulatorFixture(new CloudTasksEmulatorExtension());

    private static final String BODY = "{\"order\":\"Zoë\"}";
    private static final String BODY_LENGTH = Integer.toString(BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8)
            .length);

    private final CloudTasksClient client = FIXTURE.client();
    private final RecordingReceiver receiver = FIXTURE.newReceiver();
    // retries 100 ms apart, two attempts at most
    private final String queue = FIXTURE.newQueue("redirect", q -> q.setRetryConfig(RetryConfig.newBuilder()
            .setMinBackoff(com.google.protobuf.Duration.newBuilder().setNanos(100_000_000))
            .setMaxBackoff(com.google.protobuf.Duration.newBuilder().setNanos(100_000_000))
            .setMaxAttempts(2)));

    private Task create(HttpMethod method, String path, String body) {
        return client.createTask(queue, Task.newBuilder().setHttpRequest(HttpRequest.newBuilder()
                .setUrl(receiver.url(path)).setHttpMethod(method)
                .putHeaders("Content-Type", "application/json")
                .setBody(ByteString.copyFromUtf8(body))).build());
    }

    private void awaitGone(Task task) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(failure(() -> client.getTask(task.getName())).getMessage())
                        .contains("The task no longer exists"));
    }

    private static String id(Task task) {
        return task.getName().substring(task.getName().lastIndexOf('/') + 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void temporaryAndPermanentRedirectsKeepTheMethodAndBody(int status) {
        receiver.redirect("/old", receiver.url("/new"), status);

        Task task = create(HttpMethod.POST, "/old", BODY);

        awaitGone(task);
        List<Received> requests = receiver.received();
        assertThat(requests).extracting(Received::path).containsExactly("/old", "/new");
        Received redirected = requests.get(1);
        assertThat(redirected.method()).isEqualTo("POST");
        assertThat(redirected.bodyText()).isEqualTo(BODY);
        assertThat(redirected.header("Content-Length")).isEqualTo(BODY_LENGTH);
        assertThat(redirected.header("Content-Type")).isEqualTo("application/json");
        assertThat(redirected.header("X-CloudTasks-TaskName")).isEqualTo(id(task));
        assertThat(redirected.header("X-CloudTasks-TaskRetryCount")).isEqualTo("0");
    }

    @Test
    void seeOtherContinuesAsGetWithoutTheBody() {
        receiver.redirect("/form", receiver.url("/result"), 303);

        Task task = create(HttpMethod.PUT, "/form", BODY);

        awaitGone(task);
        assertThat(receiver.received()).extracting(Received::path).containsExactly("/form", "/result");
        assertThat(receiver.received()).extracting(Received::method).containsExactly("PUT", "GET");
        assertThat(receiver.received().get(0).bodyText()).isEqualTo(BODY);
        assertThat(receiver.received().get(1).body()).isEmpty();
        assertThat(receiver.received().get(1).headers().getOrDefault("Content-Length", List.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302})
    void movedAndFoundTurnAPostIntoAGetWithoutTheBody(int status) {
        receiver.redirect("/moved", receiver.url("/here"), status);

        Task task = create(HttpMethod.POST, "/moved", BODY);

        awaitGone(task);
        assertThat(receiver.received()).extracting(Received::path).containsExactly("/moved", "/here");
        assertThat(receiver.received()).extracting(Received::method).containsExactly("POST", "GET");
        assertThat(receiver.received().get(1).body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302})
    void movedAndFoundKeepAPutWithItsBody(int status) {
        receiver.redirect("/moved", receiver.url("/here"), status);

        Task task = create(HttpMethod.PUT, "/moved", BODY);

        awaitGone(task);
        assertThat(receiver.received()).extracting(Received::method).containsExactly("PUT", "PUT");
        assertThat(receiver.received().get(1).bodyText()).isEqualTo(BODY);
    }

    @Test
    void aRelativeLocationIsResolvedAgainstTheRequestUrl() {
        receiver.redirect("/api/v1/orders", "../v2/orders?page=2", 307);

        Task task = create(HttpMethod.POST, "/api/v1/orders", BODY);

        awaitGone(task);
        assertThat(receiver.received()).extracting(Received::path)
                .containsExactly("/api/v1/orders", "/api/v2/orders?page=2");
    }

    @Test
    void fourRedirectsInARowAreFollowedWithinOneAttempt() {
        for (int hop = 1; hop <= 4; hop++) {
            receiver.redirect("/hop" + hop, receiver.url("/hop" + (hop + 1)), 307);
        }

        Task task = create(HttpMethod.POST, "/hop1", BODY);

        awaitGone(task);
        assertThat(receiver.received()).extracting(Received::path)
                .containsExactly("/hop1", "/hop2", "/hop3", "/hop4", "/hop5");
        assertThat(receiver.received()).extracting(r -> r.header("X-CloudTasks-TaskRetryCount")).containsOnly("0");
    }

    @Test
    void theFifthRedirectInARowIsTheAttemptsAnswer() {
        for (int hop = 1; hop <= 5; hop++) {
            receiver.redirect("/hop" + hop, receiver.url("/hop" + (hop + 1)), 307);
        }

        Task task = create(HttpMethod.POST, "/hop1", BODY);

        // both attempts end on the fifth redirect, so max_attempts drops the task
        awaitGone(task);
        List<String> hops = List.of("/hop1", "/hop2", "/hop3", "/hop4", "/hop5");
        List<Received> requests = receiver.received();
        assertThat(requests).hasSize(10);
        assertThat(requests.subList(0, 5)).extracting(Received::path).containsExactlyElementsOf(hops);
        assertThat(requests.subList(0, 5)).extracting(r -> r.header("X-CloudTasks-TaskRetryCount")).containsOnly("0");
        assertThat(requests.subList(5, 10)).extracting(Received::path).containsExactlyElementsOf(hops);
        Received retry = requests.get(5);
        assertThat(retry.header("X-CloudTasks-TaskRetryCount")).isEqualTo("1");
        assertThat(retry.header("X-CloudTasks-TaskPreviousResponse")).isEqualTo("307");
        // a 3xx is an answer, so it counts as an execution
        assertThat(retry.header("X-CloudTasks-TaskExecutionCount")).isEqualTo("1");
    }

    @Test
    void aRedirectWithoutLocationLeavesTheTargetUnreachable() {
        receiver.thenAnswer(302, 200);

        Task task = create(HttpMethod.POST, "/nowhere", BODY);

        awaitGone(task);
        List<Received> attempts = receiver.received();
        assertThat(attempts).extracting(Received::path).containsExactly("/nowhere", "/nowhere");
        assertThat(attempts).extracting(r -> r.header("X-CloudTasks-TaskRetryCount")).containsExactly("0", "1");
        assertThat(attempts.get(1).header("X-CloudTasks-TaskPreviousResponse")).isEqualTo("503");
        assertThat(attempts.get(1).header("X-CloudTasks-TaskExecutionCount")).isEqualTo("0");
    }
}
