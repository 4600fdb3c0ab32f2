package io.github.camelgcptasks.emulator.rest;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.Queue;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.server.EmulatorServer;
import io.github.camelgcptasks.emulator.support.EmulatorFixture;
import io.github.camelgcptasks.emulator.support.RestClient;
import io.github.camelgcptasks.emulator.support.RestClient.Answer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelgcptasks.emulator.support.Clients.PARENT;
import static io.github.camelgcptasks.emulator.support.Clients.queueName;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad REST requests: each is answered 400 INVALID_ARGUMENT (404 for a path no method is bound to) in Google's JSON
 * error shape, with a message naming the field, and creates nothing.
 */
class RestBadRequestTest {

    private static final String URL = "http://127.0.0.1:9/never-called";

    @RegisterExtension
    static final EmulatorFixture FIXTURE = new EmulatorFixture(new CloudTasksEmulatorExtension());

    private final CloudTasksClient grpc = FIXTURE.client();
    private final RestClient rest = new RestClient(FIXTURE.emulator().restUrl());
    private final String queue = FIXTURE.newPausedQueue("bad");
    private final String tasks = "/v2/" + queue + "/tasks";

    @AfterEach
    void nothingWasCreated() {
        assertThat(grpc.listTasks(queue).iterateAll()).as("tasks after a refused request").isEmpty();
        List<String> queues = new ArrayList<>();
        grpc.listQueues(PARENT).iterateAll().forEach(q -> queues.add(q.getName()));
        assertThat(queues).as("queues after a refused request").containsExactly(queue);
        grpc.deleteQueue(queue);
    }

    @Test
    void malformedJson() {
        Answer answer = rest.post(tasks, "{\"task\": {\"httpRequest\": {\"url\": \"" + URL + "\"}");

        assertInvalidArgument(answer, "Invalid JSON payload received.");
        assertThat(answer.error().path("message").asText()).contains("line 1 column").contains("$.task");
    }

    @Test
    void trailingDataAfterTheJson() {
        Answer answer = rest.post(tasks, "{\"task\": {\"httpRequest\": {\"url\": \"" + URL + "\"}}} {}");

        assertInvalidArgument(answer, "Invalid JSON payload received.");
    }

    @Test
    void lenientJsonIsRefused() {
        assertInvalidArgument(rest.post(tasks, "{task: {httpRequest: {url: '" + URL + "'}}}"),
                "Invalid JSON payload received.");
    }

    @Test
    void unknownFieldIsNamedWithWhereItIs() {
        Answer answer = rest.post(tasks, "{\"task\": {\"httpRequest\": {\"url\": \"" + URL + "\", \"bodyy\": \"\"}}}");

        assertInvalidArgument(answer,
                "Invalid JSON payload received. Unknown name \"bodyy\" at 'task.http_request': Cannot find field.");
    }

    @Test
    void unknownTopLevelField() {
        assertInvalidArgument(rest.post("/v2/" + PARENT + "/queues", "{\"nmae\": \"" + queueName("x") + "\"}"),
                "Invalid JSON payload received. Unknown name \"nmae\" at 'queue': Cannot find field.");
    }

    @Test
    void wrongTypesNameTheFieldAndItsType() {
        assertInvalidArgument(rest.post(tasks, "{\"task\": {\"httpRequest\": {\"url\": \"" + URL
                        + "\", \"httpMethod\": \"FETCH\"}}}"),
                "Invalid value at 'task.http_request.http_method' (TYPE_ENUM), \"FETCH\"");
        assertInvalidArgument(rest.post(tasks, "{\"task\": {\"httpRequest\": {\"url\": \"" + URL
                        + "\", \"body\": \"not base64!\"}}}"),
                "Invalid value at 'task.http_request.body' (TYPE_BYTES), \"not base64!\"");
        assertInvalidArgument(rest.post(tasks, "{\"task\": {\"scheduleTime\": \"tomorrow\", \"httpRequest\": "
                        + "{\"url\": \"" + URL + "\"}}}"),
                "Invalid value at 'task.schedule_time' (TYPE_MESSAGE), \"tomorrow\"");
        assertInvalidArgument(rest.post("/v2/" + PARENT + "/queues", "{\"name\": \"" + queueName("typed")
                        + "\", \"rateLimits\": {\"maxConcurrentDispatches\": \"many\"}}"),
                "Invalid value at 'queue.rate_limits.max_concurrent_dispatches' (TYPE_INT32), \"many\"");
        assertInvalidArgument(rest.post(tasks, "[]"),
                "Invalid JSON payload received. Unknown name \"\": Root element must be a message.");
    }

    @Test
    void queryParametersAreCheckedLikeFields() {
        assertInvalidArgument(rest.get(tasks + "?pageSize=ten"), "Invalid value at 'page_size' (TYPE_INT32), \"ten\"");
        assertInvalidArgument(rest.get(tasks + "?pageSise=10"), "Invalid JSON payload received. Unknown name "
                + "\"pageSise\": Cannot bind query parameter. Field 'pageSise' could not be found in request message.");
        assertInvalidArgument(rest.get(tasks + "?responseView=ALL"),
                "Invalid value at 'response_view' (TYPE_ENUM), \"ALL\"");
        assertInvalidArgument(rest.get(tasks + "?alt=proto"), "Invalid value for the system parameter \"alt\"");
    }

    @Test
    void taskOverTheLimitNamesItsSizeAndTheLimit() {
        String body = java.util.Base64.getEncoder().encodeToString(new byte[1024 * 1024 + 1]);

        Answer answer = rest.post(tasks, "{\"task\": {\"httpRequest\": {\"url\": \"" + URL + "\", \"body\": \""
                + body + "\"}}}");

        assertInvalidArgument(answer, "Task size is ");
        assertThat(answer.error().path("message").asText()).contains("the maximum task size is 1048576 bytes");
    }

    @Test
    void requestBodyOverTheLimit() {
        byte[] body = new byte[EmulatorServer.MAX_REQUEST_BYTES + 1];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';

        for (Answer answer : List.of(rest.send("POST", tasks, body), rest.sendChunked("POST", tasks, body))) {
            assertInvalidArgument(answer, "Request payload size exceeds the limit: "
                    + EmulatorServer.MAX_REQUEST_BYTES + " bytes.");
        }
    }

    @Test
    void pathsWithoutAMethodAre404() {
        for (Answer answer : List.of(rest.get("/v2/nothing/here"), rest.get("/"), rest.send("PUT", "/v2/" + queue,
                "{}".getBytes(StandardCharsets.UTF_8)), rest.get("/v2/" + queue + ":pause"),
                rest.get("/v1/" + queue))) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.error().path("code").asInt()).isEqualTo(404);
            assertThat(answer.error().path("status").asText()).isEqualTo("NOT_FOUND");
            assertThat(answer.error().path("message").asText()).startsWith("No Cloud Tasks method is bound to ");
        }
        assertThat(grpc.getQueue(queue).getState()).isEqualTo(Queue.State.PAUSED);
    }

    private static void assertInvalidArgument(Answer answer, String messageStart) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.error().path("code").asInt()).isEqualTo(400);
        assertThat(answer.error().path("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(answer.error().path("message").asText()).startsWith(messageStart);
    }
}
