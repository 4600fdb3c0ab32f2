package io.github.camelgcptasks.emulator;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.RateLimits;
import com.google.cloud.tasks.v2.RetryConfig;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.ByteString;
import com.google.rpc.Code;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.support.EmulatorFixture;
import io.github.camelgcptasks.emulator.support.RawHttpTarget;
import io.github.camelgcptasks.emulator.support.RawHttpTarget.Reply;
import io.github.camelgcptasks.emulator.support.RawHttpTarget.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelgcptasks.emulator.support.Clients.failure;
import static io.github.camelgcptasks.emulator.support.Clients.httpTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How deliveries use HTTP connections, seen from a target on plain sockets: kept connections, targets that close
 * them, and answers that are not valid HTTP.
 */
class DeliveryConnectionTest {

    @RegisterExtension
    static final EmulatorFixture FIXTURE = new EmulatorFixture(new CloudTasksEmulatorExtension());

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final CloudTasksClient client = FIXTURE.client();
    private final RawHttpTarget target = new RawHttpTarget();

    @AfterEach
    void closeTarget() {
        target.close();
    }

    /** A queue that retries a failed attempt after 100 ms. */
    private String quickRetryQueue() {
        return FIXTURE.newQueue("connection", queue -> queue.setRetryConfig(RetryConfig.newBuilder()
                .setMinBackoff(millis(100)).setMaxBackoff(millis(100))));
    }

    private static com.google.protobuf.Duration millis(int ms) {
        return com.google.protobuf.Duration.newBuilder().setNanos(ms * 1_000_000).build();
    }

    private static String id(Task task) {
        return task.getName().substring(task.getName().lastIndexOf('/') + 1);
    }

    private void awaitGone(Task task) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(failure(() -> client.getTask(task.getName())).getMessage())
                .contains("The task no longer exists"));
    }

    @Test
    void tasksSentOneAfterAnotherShareOneKeptConnection() {
        String queue = FIXTURE.newQueue("connection");

        for (int i = 0; i < 20; i++) {
            Task task = client.createTask(queue, httpTask(target.url("/kept"), "task " + i).build());
            awaitGone(task);
        }

        assertThat(target.received()).hasSize(20);
        assertThat(target.received()).extracting(Request::bodyText).doesNotHaveDuplicates();
        assertThat(target.received()).extracting(r -> r.header("X-CloudTasks-TaskRetryCount")).containsOnly("0");
        assertThat(target.connections()).isEqualTo(1);
    }

    @Test
    void aBurstOfTasksReusesConnectionsInsteadOfOpeningOnePerTask() {
        int maxConcurrent = 2;
        String queue = FIXTURE.newQueue("connection", q -> q.setRateLimits(RateLimits.newBuilder()
                .setMaxConcurrentDispatches(maxConcurrent)));
        client.pauseQueue(queue);
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            tasks.add(client.createTask(queue, httpTask(target.url("/burst"), "task " + i).build()));
        }

        client.resumeQueue(queue);

        await().atMost(WAIT).until(() -> !client.listTasks(queue).iterateAll().iterator().hasNext());
        assertThat(target.received()).extracting(r -> r.header("X-CloudTasks-TaskName"))
                .containsExactlyInAnyOrderElementsOf(tasks.stream().map(DeliveryConnectionTest::id).toList());
        // each event loop of the emulator keeps its own connections, at most one per attempt in flight on it
        int loops = 2 * Runtime.getRuntime().availableProcessors();
        assertThat(target.connections()).isBetween(1, maxConcurrent * loops);
    }

    @Test
    void aTargetThatClosesAfterEveryAnswerGetsEveryTaskOnANewConnection() {
        String queue = FIXTURE.newQueue("connection");
        target.answerWith(request -> Reply.raw("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")
                .thenClose());

        for (int i = 0; i < 10; i++) {
            Task task = client.createTask(queue, httpTask(target.url("/closing"), "task " + i).build());
            awaitGone(task);
        }

        assertThat(target.received()).hasSize(10);
        assertThat(target.received()).extracting(Request::onConnection).containsOnly(0);
        assertThat(target.received()).extracting(r -> r.header("X-CloudTasks-TaskRetryCount")).containsOnly("0");
        assertThat(target.connections()).isEqualTo(10);
    }

    @Test
    void anAnswerWhoseBodyEndsWithTheConnectionCompletesTheTask() {
        String queue = FIXTURE.newQueue("connection");
        // no Content-Length: the body runs until the target closes the connection
        target.answerWith(request -> Reply.raw("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of the body")
                .thenClose());

        Task task = client.createTask(queue, httpTask(target.url("/until-close"), "x").build());

        awaitGone(task);
        assertThat(target.received()).hasSize(1);
    }

    @Test
    void aKeptConnectionTheTargetClosedWhileIdleCostsNoAttempt() {
        String queue = quickRetryQueue();
        Task first = client.createTask(queue, httpTask(target.url("/idle"), "first").build());
        awaitGone(first);

        target.closeOpenConnections();
        Task second = client.createTask(queue, httpTask(target.url("/idle"), "second").build());

        awaitGone(second);
        List<Request> delivered = target.forTask(id(second));
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).header("X-CloudTasks-TaskRetryCount")).isEqualTo("0");
        assertThat(delivered.get(0).bodyText()).isEqualTo("second");
        assertThat(delivered.get(0).connection()).isEqualTo(2);
    }

    @Test
    void aKeptConnectionLostBeforeAnyAnswerIsReplacedWithinTheAttempt() {
        String queue = quickRetryQueue();
        // a target that closes kept connections just as the next request arrives, as one whose idle timeout ran out
        target.answerWith(request -> request.onConnection() == 0 ? Reply.status(200) : Reply.hangUp());
        Task first = client.createTask(queue, httpTask(target.url("/stale"), "first").build());
        awaitGone(first);

        Task second = client.createTask(queue, httpTask(target.url("/stale"), "second").build());

        awaitGone(second);
        List<Request> seen = target.forTask(id(second));
        // sent on the kept connection, lost unanswered, sent again on a new one: both within the first attempt
        assertThat(seen).extracting(Request::connection).containsExactly(1, 2);
        assertThat(seen).extracting(r -> r.header("X-CloudTasks-TaskRetryCount")).containsExactly("0", "0");
        assertThat(seen).extracting(Request::bodyText).containsExactly("second", "second");
    }

    @Test
    void aNewConnectionClosedWithoutAnAnswerIsAFailedAttempt() {
        String queue = quickRetryQueue();
        target.answerWith(request -> "0".equals(request.header("X-CloudTasks-TaskRetryCount"))
                ? Reply.hangUp() : Reply.status(200));

        Task task = client.createTask(queue, httpTask(target.url("/hang-up"), "x").build());

        awaitGone(task);
        assertRetriedOnceAfterNoAnswer(task);
    }

    @Test
    void anAnswerThatIsNotHttpIsAFailedAttempt() {
        String queue = quickRetryQueue();
        // garbage, and the connection left open: the attempt must not wait for its deadline
        target.answerWith(request -> "0".equals(request.header("X-CloudTasks-TaskRetryCount"))
                ? Reply.raw("\u0001\u0002 this is no HTTP \u00ff\r\n\r\n") : Reply.status(200));

        Task task = client.createTask(queue, httpTask(target.url("/garbage"), "x").build());

        awaitGone(task);
        assertRetriedOnceAfterNoAnswer(task);
    }

    @Test
    void anAnswerThatIsNotHttpOnAKeptConnectionIsAFailedAttemptNotSentAgain() {
        String queue = quickRetryQueue();
        // the kept connection did answer, badly: the request reached the target and must not go out twice
        target.answerWith(request -> request.connection() == 1 && request.onConnection() == 1
                ? Reply.raw("\u0001\u0002 this is no HTTP \u00ff\r\n\r\n") : Reply.status(200));
        Task first = client.createTask(queue, httpTask(target.url("/garbage"), "first").build());
        awaitGone(first);

        Task second = client.createTask(queue, httpTask(target.url("/garbage"), "second").build());

        awaitGone(second);
        assertRetriedOnceAfterNoAnswer(second);
    }

    @Test
    void anAnswerCutOffInItsStatusLineOnAKeptConnectionIsAFailedAttemptNotSentAgain() {
        String queue = quickRetryQueue();
        // a few bytes of a status line, then the connection closes: the target got the request, so no resend
        target.answerWith(request -> request.connection() == 1 && request.onConnection() == 1
                ? Reply.raw("HTTP/1.").thenClose() : Reply.status(200));
        Task first = client.createTask(queue, httpTask(target.url("/cut"), "first").build());
        awaitGone(first);

        Task second = client.createTask(queue, httpTask(target.url("/cut"), "second").build());

        awaitGone(second);
        assertRetriedOnceAfterNoAnswer(second);
    }

    @Test
    void aSuccessCutOffMidBodyIsAFailedAttempt() {
        String queue = quickRetryQueue();
        // a 200 whose body stops after 7 of the 100 bytes it announced: not a complete answer, so not a success
        target.answerWith(request -> "0".equals(request.header("X-CloudTasks-TaskRetryCount"))
                ? Reply.raw("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial").thenClose()
                : Reply.status(200));

        Task task = client.createTask(queue, httpTask(target.url("/cut-off"), "x").build());

        awaitGone(task);
        assertRetriedOnceAfterNoAnswer(task);
    }

    /** The task got two attempts: the first had no usable answer (503 reported, no execution), the second a 200. */
    private void assertRetriedOnceAfterNoAnswer(Task task) {
        List<Request> attempts = target.forTask(id(task));
        assertThat(attempts).extracting(r -> r.header("X-CloudTasks-TaskRetryCount")).containsExactly("0", "1");
        assertThat(attempts.get(1).header("X-CloudTasks-TaskPreviousResponse")).isEqualTo("503");
        assertThat(attempts.get(1).header("X-CloudTasks-TaskExecutionCount")).isEqualTo("0");
    }

    @Test
    void anUnknownHostIsReportedUnreachableAndRetried() {
        String queue = quickRetryQueue();

        Task created = client.createTask(queue, httpTask("http://no-such-host.invalid/x", "x").build());

        // a retried task whose latest attempt has its outcome (with retries 100 ms apart, one may be in flight)
        Task task = await().atMost(WAIT).until(() -> client.getTask(created.getName()),
                t -> t.getDispatchCount() >= 2 && t.getLastAttempt().hasResponseTime());
        assertThat(task.getResponseCount()).isZero();
        assertThat(task.getLastAttempt().getResponseStatus().getCode()).isEqualTo(Code.UNAVAILABLE_VALUE);
        assertThat(task.getLastAttempt().getResponseStatus().getMessage()).contains("no-such-host.invalid");
    }

    @Test
    void eachMethodArrivesWithItsBodyItsLengthAndTheTargetsHost() {
        String queue = FIXTURE.newQueue("connection");
        String body = "{\"name\":\"Zoë\",\"price\":\"12 €\"}";
        String path = "/items/a%2Fb?q=x%20y&list=1,2&empty=&plus=a+b";
        List<Task> tasks = new ArrayList<>();
        for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH)) {
            tasks.add(client.createTask(queue, task(method, path, ByteString.copyFromUtf8(body))));
        }
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.DELETE)) {
            tasks.add(client.createTask(queue, task(method, path, ByteString.EMPTY)));
        }

        tasks.forEach(this::awaitGone);
        List<Request> received = target.received();
        assertThat(received).extracting(Request::method)
                .containsExactlyInAnyOrder("POST", "PUT", "PATCH", "GET", "DELETE");
        assertThat(received).extracting(Request::target).containsOnly(path);
        assertThat(received).extracting(r -> r.headers("Host")).containsOnly(List.of("127.0.0.1:" + target.port()));
        Set<String> withBody = Set.of("POST", "PUT", "PATCH");
        for (Request request : received) {
            if (withBody.contains(request.method())) {
                assertThat(request.bodyText()).as(request.method()).isEqualTo(body);
                assertThat(request.headers("Content-Length")).as(request.method())
                        .containsExactly(Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
            } else {
                assertThat(request.body()).as(request.method()).isEmpty();
                // a GET or DELETE without a body carries no length, as the JDK client sent it
                assertThat(request.headers("Content-Length")).as(request.method()).isEmpty();
            }
        }
        assertThat(received.stream().map(r -> r.header("Content-Type")).collect(Collectors.toSet()))
                .containsOnly("application/json");
    }

    private Task task(HttpMethod method, String path, ByteString body) {
        return Task.newBuilder().setHttpRequest(HttpRequest.newBuilder().setUrl(target.url(path))
                .setHttpMethod(method).putHeaders("Content-Type", "application/json").setBody(body)).build();
    }
}
