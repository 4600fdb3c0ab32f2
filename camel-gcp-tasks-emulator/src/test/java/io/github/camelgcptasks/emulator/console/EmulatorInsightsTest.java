package io.github.camelgcptasks.emulator.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.Task;
import com.google.cloud.tasks.v2beta3.ListQueuesResponse;
import com.google.cloud.tasks.v2beta3.QueueStats;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.support.EmulatorFixture;
import io.github.camelgcptasks.emulator.support.RecordingReceiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelgcptasks.emulator.support.Clients.httpTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The emulator's own read-only documents under /emulator/v1/ and the console's files, over real HTTP. */
class EmulatorInsightsTest {

    @RegisterExtension
    static final EmulatorFixture FIXTURE = new EmulatorFixture(
            new CloudTasksEmulatorExtension(CloudTasksEmulator.builder().console(true)));

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudTasksClient client = FIXTURE.client();
    private final RecordingReceiver receiver = FIXTURE.newReceiver();

    static HttpResponse<String> get(CloudTasksEmulator emulator, String path) throws IOException, InterruptedException {
        return send(emulator, HttpRequest.newBuilder(uri(emulator, path)).GET().build());
    }

    static HttpResponse<String> send(CloudTasksEmulator emulator, HttpRequest request)
            throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static URI uri(CloudTasksEmulator emulator, String path) {
        return URI.create("http://" + emulator.grpcEndpoint() + path);
    }

    private QueueStats stats(String queue) throws Exception {
        HttpResponse<String> response = get(FIXTURE.emulator(), "/emulator/v1/queues");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        ListQueuesResponse.Builder parsed = ListQueuesResponse.newBuilder();
        JsonFormat.parser().merge(response.body(), parsed); // Google's own message: the fields are as v2beta3 names them
        return parsed.getQueuesList().stream().filter(q -> q.getName().equals(queue)).findFirst()
                .orElseThrow(() -> new AssertionError(queue + " is not listed in " + response.body())).getStats();
    }

    @Test
    void queueStatsCountWaitingTasksAndTellTheEarliestScheduleTime() throws Exception {
        String queue = FIXTURE.newPausedQueue("stats");
        Instant later = Instant.now().plusSeconds(600);
        Instant soon = Instant.now().plusSeconds(60);
        client.createTask(queue, httpTask(receiver.url("/s"), "x").setScheduleTime(timestamp(later)).build());
        Task earliest = client.createTask(queue,
                httpTask(receiver.url("/s"), "x").setScheduleTime(timestamp(soon)).build());

        QueueStats stats = stats(queue);

        assertThat(stats.getTasksCount()).isEqualTo(2);
        // the schedule time as the service stores it (to the microsecond), not as sent
        assertThat(stats.getOldestEstimatedArrivalTime()).isEqualTo(earliest.getScheduleTime());
        assertThat(stats.getConcurrentDispatchesCount()).isZero();
        assertThat(stats.getExecutedLastMinuteCount()).isZero();
        assertThat(stats.getEffectiveExecutionRate()).as("paused").isZero();
    }

    @Test
    void queueStatsCountDispatchesInFlightAndAttemptsOfTheLastMinute() throws Exception {
        String queue = FIXTURE.newQueue("busy");
        receiver.thenAnswer(503).delay(r -> receiver.count() == 2 ? Duration.ofSeconds(2) : Duration.ZERO);
        client.createTask(queue, httpTask(receiver.url("/b"), "x").build());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            QueueStats inFlight = stats(queue);
            assertThat(inFlight.getConcurrentDispatchesCount()).isEqualTo(1);
            assertThat(inFlight.getTasksCount()).isEqualTo(1);
            assertThat(inFlight.getExecutedLastMinuteCount()).isEqualTo(1);
            assertThat(inFlight.hasOldestEstimatedArrivalTime()).as("nothing waits while the task is in flight")
                    .isFalse();
            assertThat(inFlight.getEffectiveExecutionRate()).isEqualTo(500);
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            QueueStats done = stats(queue);
            assertThat(done.getTasksCount()).isZero();
            assertThat(done.getConcurrentDispatchesCount()).isZero();
            assertThat(done.getExecutedLastMinuteCount()).isEqualTo(2);
        });
    }

    @Test
    void attemptsListEveryAttemptOfATaskOldestFirst() throws Exception {
        String queue = FIXTURE.newPausedQueue("attempts");
        receiver.thenAnswer(503, 404);
        Task task = client.createTask(queue, httpTask(receiver.url("/a"), "x").setName(queue + "/tasks/twice").build());
        client.runTask(task.getName());
        await().atMost(Duration.ofSeconds(10)).until(() -> client.getTask(task.getName()).getResponseCount() == 1);
        client.runTask(task.getName());
        await().atMost(Duration.ofSeconds(10)).until(() -> client.getTask(task.getName()).getResponseCount() == 2);

        HttpResponse<String> response = get(FIXTURE.emulator(), "/emulator/v1/" + task.getName() + "/attempts");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode attempts = JSON.readTree(response.body()).get("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).at("/responseStatus/message").asText())
                .isEqualTo("UNAVAILABLE(14): HTTP status code 503");
        assertThat(attempts.get(0).at("/responseStatus/code").asInt()).isEqualTo(14); // UNAVAILABLE
        assertThat(attempts.get(1).at("/responseStatus/message").asText())
                .isEqualTo("NOT_FOUND(5): HTTP status code 404");
        for (JsonNode attempt : attempts) {
            assertThat(attempt.has("scheduleTime")).isTrue();
            assertThat(Instant.parse(attempt.get("responseTime").asText()))
                    .isAfterOrEqualTo(Instant.parse(attempt.get("dispatchTime").asText()));
        }
        Task seen = client.getTask(task.getName());
        assertThat(attempts.get(0).get("dispatchTime").asText())
                .isEqualTo(JsonFormat.printer().print(seen.getFirstAttempt().getDispatchTime()).replace("\"", ""));
        assertThat(attempts.get(1).get("responseTime").asText())
                .isEqualTo(JsonFormat.printer().print(seen.getLastAttempt().getResponseTime()).replace("\"", ""));
    }

    @Test
    void attemptsOfUnknownOrBadlyNamedTasksAreRefusedInGooglesErrorShape() throws Exception {
        String queue = FIXTURE.newQueue("refused");

        HttpResponse<String> unknown = get(FIXTURE.emulator(), "/emulator/v1/" + queue + "/tasks/nope/attempts");
        HttpResponse<String> badName = get(FIXTURE.emulator(), "/emulator/v1/" + queue + "/tasks/b%21d/attempts");
        HttpResponse<String> otherPath = get(FIXTURE.emulator(), "/emulator/v1/nothing-here");
        HttpResponse<String> noTask = get(FIXTURE.emulator(), "/emulator/v1/attempts");

        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode error = JSON.readTree(unknown.body()).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(404);
        assertThat(error.get("status").asText()).isEqualTo("NOT_FOUND");
        assertThat(error.get("message").asText()).isEqualTo("Requested entity was not found.");
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badName.body()).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(otherPath.statusCode()).isEqualTo(404);
        assertThat(noTask.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(noTask.body()).at("/error/status").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void documentsAreReadOnly() throws Exception {
        HttpResponse<String> post = send(FIXTURE.emulator(), HttpRequest.newBuilder(
                uri(FIXTURE.emulator(), "/emulator/v1/queues")).POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        // as the REST API answers a method bound to nothing
        assertThat(post.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(post.body()).at("/error/message").asText()).contains("read-only");
    }

    @Test
    void servesThePageAtTheRootWithAPolicyThatForbidsInlineScripts() throws Exception {
        HttpResponse<String> index = get(FIXTURE.emulator(), "/");
        HttpResponse<String> script = get(FIXTURE.emulator(), "/console/console.js");
        HttpResponse<String> missing = get(FIXTURE.emulator(), "/console/missing.js");

        assertThat(FIXTURE.emulator().consoleUrl()).isEqualTo("http://" + FIXTURE.emulator().grpcEndpoint() + "/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(index.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(index.body()).contains("<title>Cloud Tasks emulator</title>");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).contains("javascript"));
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
