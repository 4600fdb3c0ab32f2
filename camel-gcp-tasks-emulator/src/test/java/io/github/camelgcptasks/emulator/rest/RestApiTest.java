package io.github.camelgcptasks.emulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.location.ListLocationsRequest;
import com.google.cloud.location.Location;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.Task;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.queue.TasksException;
import io.github.camelgcptasks.emulator.support.EmulatorFixture;
import io.github.camelgcptasks.emulator.support.RecordingReceiver;
import io.github.camelgcptasks.emulator.support.RestClient;
import io.github.camelgcptasks.emulator.support.RestClient.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelgcptasks.emulator.support.Clients.LOCATION;
import static io.github.camelgcptasks.emulator.support.Clients.PARENT;
import static io.github.camelgcptasks.emulator.support.Clients.PROJECT;
import static io.github.camelgcptasks.emulator.support.Clients.failure;
import static io.github.camelgcptasks.emulator.support.Clients.httpTask;
import static io.github.camelgcptasks.emulator.support.Clients.queueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The REST API as curl sees it: every v2 method at its {@code google.api.http} path on the gRPC port, proto3 JSON
 * bodies, and the same state and errors as the gRPC side (checked with the gRPC client).
 */
class RestApiTest {

    private static final String URL = "http://127.0.0.1:9/never-called";

    @RegisterExtension
    static final EmulatorFixture FIXTURE = new EmulatorFixture(
            CloudTasksEmulatorExtension.withQueues("projects/" + PROJECT + "/locations/start-here/queues/s"));

    private final CloudTasksClient grpc = FIXTURE.client();
    private final RestClient rest = new RestClient(FIXTURE.emulator().restUrl());

    @Test
    void servesRestOnTheGrpcPort() {
        assertThat(FIXTURE.emulator().restUrl()).isEqualTo("http://" + FIXTURE.emulator().grpcEndpoint());

        Answer answer = rest.get("/v2/" + PARENT + "/queues?alt=json");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
    }

    @Test
    void enumsAsNumbersWhenAsked() {
        String queue = FIXTURE.newQueue("int-enums");

        assertThat(rest.get("/v2/" + queue).json().path("state").asText()).isEqualTo("RUNNING");
        assertThat(rest.get("/v2/" + queue + "?$alt=json%3Benum-encoding%3Dint").json().path("state").asInt())
                .isEqualTo(Queue.State.RUNNING.getNumber());
    }

    @Test
    void queueLifecycle() {
        String name = queueName("rest-queue");
        Answer created = rest.post("/v2/" + PARENT + "/queues", """
                {"name": "%s",
                 "rateLimits": {"maxDispatchesPerSecond": 5, "maxConcurrentDispatches": 3},
                 "retryConfig": {"maxAttempts": 4, "minBackoff": "1.5s", "maxBackoff": "60s"}}
                """.formatted(name));

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode queue = created.json();
        assertThat(queue.path("name").asText()).isEqualTo(name);
        assertThat(queue.path("rateLimits").path("maxDispatchesPerSecond").asDouble()).isEqualTo(5.0);
        assertThat(queue.path("retryConfig").path("minBackoff").asText()).isEqualTo("1.500s");
        assertThat(queue.path("state").asText()).isEqualTo("RUNNING");
        Queue seenOverGrpc = grpc.getQueue(name);
        assertThat(seenOverGrpc.getRetryConfig().getMaxAttempts()).isEqualTo(4);
        assertThat(seenOverGrpc.getRateLimits().getMaxConcurrentDispatches()).isEqualTo(3);

        assertThat(rest.get("/v2/" + name).json()).isEqualTo(queue);

        Answer patched = rest.patch("/v2/" + name + "?updateMask=retryConfig.maxAttempts",
                "{\"retryConfig\": {\"maxAttempts\": 9, \"minBackoff\": \"7s\"}}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("retryConfig").path("maxAttempts").asInt()).isEqualTo(9);
        assertThat(patched.json().path("retryConfig").path("minBackoff").asText())
                .as("outside the update mask").isEqualTo("1.500s");

        assertThat(rest.post("/v2/" + name + ":pause", "{}").json().path("state").asText()).isEqualTo("PAUSED");
        assertThat(grpc.getQueue(name).getState()).isEqualTo(Queue.State.PAUSED);
        assertThat(rest.post("/v2/" + name + ":resume", null).json().path("state").asText()).isEqualTo("RUNNING");
        assertThat(rest.post("/v2/" + name + ":purge", "{}").status()).isEqualTo(200);

        Answer deleted = rest.delete("/v2/" + name);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().isEmpty()).isTrue();
        assertThat(failure(() -> grpc.getQueue(name)).getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND);
    }

    @Test
    void listQueuesPages() {
        List<String> names = List.of(FIXTURE.newQueue("paged"), FIXTURE.newQueue("paged"), FIXTURE.newQueue("paged"));

        List<String> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            JsonNode page = rest.get("/v2/" + PARENT + "/queues?pageSize=2&pageToken=" + token).json();
            page.path("queues").forEach(q -> seen.add(q.path("name").asText()));
            token = page.path("nextPageToken").asText();
            pages++;
        } while (!token.isEmpty());

        assertThat(seen).containsAll(names);
        assertThat(pages).isGreaterThan(1);
    }

    @Test
    void taskLifecycleOnAPausedQueue() {
        String queue = FIXTURE.newPausedQueue("rest-tasks");
        String task = queue + "/tasks/rest-1";
        String schedule = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        String body = Base64.getEncoder().encodeToString("{\"id\":42}".getBytes(StandardCharsets.UTF_8));

        Answer created = rest.post("/v2/" + queue + "/tasks", """
                {"task": {"name": "%s", "scheduleTime": "%s", "dispatchDeadline": "30s",
                          "httpRequest": {"url": "%s", "httpMethod": "PUT", "body": "%s",
                                          "headers": {"Content-Type": "application/json"}}},
                 "responseView": "FULL"}
                """.formatted(task, schedule, URL, body));

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().path("name").asText()).isEqualTo(task);
        assertThat(created.json().path("scheduleTime").asText()).isEqualTo(schedule);
        assertThat(created.json().path("dispatchDeadline").asText()).isEqualTo("30s");
        assertThat(created.json().path("httpRequest").path("body").asText()).isEqualTo(body);
        assertThat(created.json().path("view").asText()).isEqualTo("FULL");
        Task overGrpc = grpc.getTask(com.google.cloud.tasks.v2.GetTaskRequest.newBuilder().setName(task)
                .setResponseView(Task.View.FULL).build());
        assertThat(overGrpc.getHttpRequest().getBody().toStringUtf8()).isEqualTo("{\"id\":42}");
        assertThat(overGrpc.getHttpRequest().getHttpMethod().name()).isEqualTo("PUT");

        assertThat(rest.get("/v2/" + task).json().path("httpRequest").has("body")).as("BASIC view").isFalse();
        assertThat(rest.get("/v2/" + task + "?responseView=FULL").json().path("httpRequest").path("body").asText())
                .isEqualTo(body);

        rest.post("/v2/" + queue + "/tasks", "{\"task\": {\"httpRequest\": {\"url\": \"" + URL + "\"}}}");
        JsonNode first = rest.get("/v2/" + queue + "/tasks?pageSize=1").json();
        assertThat(first.path("tasks")).hasSize(1);
        String token = first.path("nextPageToken").asText();
        assertThat(token).isNotEmpty();
        JsonNode second = rest.get("/v2/" + queue + "/tasks?pageSize=1&pageToken=" + token).json();
        assertThat(second.path("tasks")).hasSize(1);
        assertThat(second.path("tasks").get(0).path("name").asText())
                .isNotEqualTo(first.path("tasks").get(0).path("name").asText());

        assertThat(rest.delete("/v2/" + task).status()).isEqualTo(200);
        Answer gone = rest.get("/v2/" + task);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.error().path("status").asText()).isEqualTo("NOT_FOUND");
        assertThat(gone.error().path("message").asText()).isEqualTo(TasksException.TASK_GONE_MESSAGE);
    }

    @Test
    void createdTaskIsDeliveredAndRunTaskDispatchesAtOnce() {
        RecordingReceiver receiver = FIXTURE.newReceiver();
        String running = FIXTURE.newQueue("rest-deliver");
        String hello = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));

        Answer created = rest.post("/v2/" + running + "/tasks", """
                {"task": {"httpRequest": {"url": "%s", "body": "%s", "headers": {"X-Check": "rest"}}}}
                """.formatted(receiver.url("/hook"), hello));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String taskId = created.json().path("name").asText().replaceAll(".*/", "");

        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.forTask(taskId).isEmpty());
        RecordingReceiver.Received delivered = receiver.forTask(taskId).get(0);
        assertThat(delivered.method()).isEqualTo("POST");
        assertThat(delivered.path()).isEqualTo("/hook");
        assertThat(delivered.bodyText()).isEqualTo("hello");
        assertThat(delivered.header("X-Check")).isEqualTo("rest");

        String paused = FIXTURE.newPausedQueue("rest-run");
        Task waiting = grpc.createTask(paused, httpTask(receiver.url("/run"), "now").build());
        Answer run = rest.post("/v2/" + waiting.getName() + ":run", "{}");
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        String runId = waiting.getName().replaceAll(".*/", "");
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.forTask(runId).isEmpty());
        assertThat(receiver.forTask(runId).get(0).bodyText()).isEqualTo("now");
    }

    @Test
    void errorsHaveGoogleShapeAndTheGrpcMessages() {
        String missing = queueName("no-such-queue");
        String grpcMessage = failure(() -> grpc.getQueue(missing)).getMessage();

        Answer notFound = rest.get("/v2/" + missing);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.error().path("code").asInt()).isEqualTo(404);
        assertThat(notFound.error().path("status").asText()).isEqualTo("NOT_FOUND");
        assertThat(notFound.error().path("message").asText()).isEqualTo(TasksException.QUEUE_NOT_FOUND_MESSAGE);
        assertThat(grpcMessage).contains(TasksException.QUEUE_NOT_FOUND_MESSAGE);

        String existing = FIXTURE.newQueue("dup");
        Answer duplicate = rest.post("/v2/" + PARENT + "/queues", "{\"name\": \"" + existing + "\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.error().path("status").asText()).isEqualTo("ALREADY_EXISTS");
        assertThat(duplicate.error().path("message").asText()).isEqualTo(TasksException.ALREADY_EXISTS_MESSAGE);

        Answer badId = rest.post("/v2/" + PARENT + "/queues", "{\"name\": \"" + PARENT + "/queues/bad_id\"}");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.error().path("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(badId.error().path("message").asText()).contains("Invalid queue ID \"bad_id\"");
    }

    @Test
    void iamMethodsAnswerAsTheGrpcSide() {
        String queue = FIXTURE.newQueue("iam");
        String grpcMessage = failure(() -> grpc.getIamPolicy(queue)).getMessage();

        Answer answer = rest.post("/v2/" + queue + ":getIamPolicy", "{}");

        assertThat(answer.status()).isEqualTo(501);
        assertThat(answer.error().path("status").asText()).isEqualTo("UNIMPLEMENTED");
        assertThat(grpcMessage).contains(answer.error().path("message").asText());
        assertThat(rest.post("/v2/" + queue + ":setIamPolicy", "{\"policy\": {}}").status()).isEqualTo(501);
        assertThat(rest.post("/v2/" + queue + ":testIamPermissions", "{\"permissions\": [\"a\"]}").status())
                .isEqualTo(501);
    }

    @Test
    void locationsAreThoseOfQueuesAndOfTheStartQueues() {
        FIXTURE.newQueue("located");
        String project = "/v2/projects/" + PROJECT;

        JsonNode listed = rest.get(project + "/locations").json();
        List<String> names = new ArrayList<>();
        listed.path("locations").forEach(l -> names.add(l.path("name").asText()));
        assertThat(names).contains(PARENT, "projects/" + PROJECT + "/locations/start-here");

        JsonNode one = rest.get(project + "/locations/" + LOCATION).json();
        assertThat(one.path("name").asText()).isEqualTo(PARENT);
        assertThat(one.path("locationId").asText()).isEqualTo(LOCATION);
        assertThat(rest.get(project + "/locations/nowhere").status()).isEqualTo(404);

        List<String> overGrpc = new ArrayList<>();
        for (Location location : grpc.listLocations(ListLocationsRequest.newBuilder()
                .setName("projects/" + PROJECT).build()).iterateAll()) {
            overGrpc.add(location.getName());
        }
        assertThat(overGrpc).containsExactlyElementsOf(names);
        assertThat(grpc.getLocation(com.google.cloud.location.GetLocationRequest.newBuilder().setName(PARENT).build())
                .getLocationId()).isEqualTo(LOCATION);
    }
}
