package io.github.camelgcptasks.component.producer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.google.auth.oauth2.TokenVerifier;
import com.google.api.client.json.webtoken.JsonWebSignature;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.Timestamp;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.component.support.CamelFixture;
import io.github.camelgcptasks.component.support.EmulatorSupport;
import io.github.camelgcptasks.component.support.RecordingHttpServer;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * createTask against the emulator: what the created task holds (read back with GetTask) and what the emulator
 * delivers to a local HTTP server.
 */
class ProducerCreateTaskTest {

    private static final String DELIVER = "projects/p/locations/l/queues/deliver";
    /** Paused, so its tasks stay to be read back. */
    private static final String HELD = "projects/p/locations/l/queues/held";
    private static final String SA = "tasks@p.iam.gserviceaccount.com";

    static final CloudTasksEmulatorExtension EMULATOR = CloudTasksEmulatorExtension.withQueues(DELIVER, HELD);

    @RegisterExtension
    static final CamelFixture CAMEL = new CamelFixture(EMULATOR, HELD).withReceiver();

    private final RecordingHttpServer receiver = CAMEL.receiver();
    private final CloudTasksClient client = CAMEL.client();
    private final ProducerTemplate template = CAMEL.template();

    record Order(String id, int quantity) {
    }

    private Exchange send(String uri, Object body, Map<String, Object> headers) {
        Exchange exchange = template.send(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });
        assertThat(exchange.getException()).isNull();
        return exchange;
    }

    private String deliverUri(String options) {
        return "gcp-tasks:" + DELIVER + "?targetUrl=" + receiver.url("/in") + (options.isEmpty() ? "" : "&" + options);
    }

    private String heldUri(String options) {
        return "gcp-tasks:" + HELD + "?targetUrl=" + receiver.url("/held") + (options.isEmpty() ? "" : "&" + options);
    }

    private static String taskName(Exchange exchange) {
        return exchange.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class);
    }

    @Test
    void stringBodyIsDeliveredAsUtf8AndTheExchangeLearnsTheTask() {
        Exchange exchange = send(deliverUri(""), "grüße aus Köln", Map.of());
        String name = taskName(exchange);
        assertThat(name).startsWith(DELIVER + "/tasks/");
        assertThat(exchange.getMessage().getHeader(GcpTasksConstants.QUEUE_NAME)).isEqualTo(DELIVER);
        assertThat(exchange.getMessage().getHeader(GcpTasksConstants.SCHEDULE_TIME)).isInstanceOf(Instant.class);
        assertThat(exchange.getMessage().getBody()).isEqualTo("grüße aus Köln");

        RecordingHttpServer.Request delivered = receiver.awaitTask(name);
        assertThat(delivered.method()).isEqualTo("POST");
        assertThat(delivered.path()).isEqualTo("/in");
        assertThat(delivered.body()).isEqualTo("grüße aus Köln".getBytes(StandardCharsets.UTF_8));
        assertThat(delivered.header("Content-Type")).isNotEqualTo("application/json");
        assertThat(delivered.header("X-CloudTasks-QueueName")).isEqualTo("deliver");
    }

    @Test
    void bytesAreDeliveredUnchanged() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        Exchange exchange = send(deliverUri(""), bytes, Map.of("Content-Type", "application/octet-stream"));
        RecordingHttpServer.Request delivered = receiver.awaitTask(taskName(exchange));
        assertThat(delivered.body()).isEqualTo(bytes);
        assertThat(delivered.header("Content-Type")).isEqualTo("application/octet-stream");
    }

    @Test
    void objectsAreDeliveredAsJson() {
        Exchange exchange = send(deliverUri(""), new Order("o-1", 3), Map.of());
        RecordingHttpServer.Request delivered = receiver.awaitTask(taskName(exchange));
        assertThat(delivered.bodyText()).isEqualTo("{\"id\":\"o-1\",\"quantity\":3}");
        assertThat(delivered.header("Content-Type")).isEqualTo("application/json");
        assertThat(exchange.getMessage().getBody()).isEqualTo(new Order("o-1", 3));
    }

    @Test
    void headersAreMappedAndCamelTransportAndCredentialHeadersAreFiltered() {
        Map<String, Object> headers = Map.of(
                "X-Order-Id", 42,
                "X-Tags", List.of("a", "b"),
                "CamelFileName", "internal.txt",
                "Host", "front.example",
                "Authorization", "Bearer user-token",
                "Cookie", "session=user-session",
                "User-Agent", "curl/8");
        Exchange exchange = send(deliverUri(""), "h", headers);
        RecordingHttpServer.Request delivered = receiver.awaitTask(taskName(exchange));
        assertThat(delivered.header("X-Order-Id")).isEqualTo("42");
        assertThat(delivered.header("X-Tags")).isEqualTo("a, b");
        assertThat(delivered.headers()).doesNotContainKey("camelfilename");
        assertThat(delivered.header("Authorization")).isNull();
        assertThat(delivered.header("Cookie")).isNull();
        assertThat(delivered.header("User-Agent")).isEqualTo("Google-Cloud-Tasks");
        assertThat(delivered.header("Host")).isNotEqualTo("front.example");

        Exchange held = send(heldUri(""), "h", headers);
        Task task = EmulatorSupport.fullTask(client, taskName(held));
        // the service stores its own User-Agent with every HTTP task, in place of any the task had
        assertThat(task.getHttpRequest().getHeadersMap()).containsOnlyKeys("X-Order-Id", "X-Tags", "User-Agent")
                .containsEntry("User-Agent", "Google-Cloud-Tasks");
    }

    @Test
    void methodComesFromTheOption() {
        Exchange put = send(deliverUri("httpMethod=PUT"), "p", Map.of());
        assertThat(receiver.awaitTask(taskName(put)).method()).isEqualTo("PUT");
        Exchange get = send(deliverUri("httpMethod=GET"), null, Map.of());
        RecordingHttpServer.Request delivered = receiver.awaitTask(taskName(get));
        assertThat(delivered.method()).isEqualTo("GET");
        assertThat(delivered.body()).isEmpty();
    }

    @Test
    void targetBaseUrlSendsToTheConsumerPath() {
        Exchange exchange = send("gcp-tasks:" + DELIVER + "?targetBaseUrl=" + receiver.baseUrl() + "/", "b", Map.of());
        assertThat(receiver.awaitTask(taskName(exchange)).path()).isEqualTo("/gcp-tasks/deliver");
    }

    @Test
    void scheduleDelayOption() {
        Instant before = Instant.now();
        Exchange exchange = send(heldUri("scheduleDelay=1h"), "s", Map.of());
        Instant after = Instant.now();
        Task task = EmulatorSupport.fullTask(client, taskName(exchange));
        Instant scheduled = TimeValues.toInstant(task.getScheduleTime());
        assertThat(scheduled).isBetween(before.plus(Duration.ofHours(1)), after.plus(Duration.ofHours(1)));
        assertThat(exchange.getMessage().getHeader(GcpTasksConstants.SCHEDULE_TIME)).isEqualTo(scheduled);
    }

    @Test
    void scheduleHeaderOfEveryType() {
        Instant at = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS);
        List<Object> values = List.of(at,
                Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build(),
                Date.from(at), at.toEpochMilli(), at.toString());
        for (Object value : values) {
            Exchange exchange = send(heldUri("scheduleDelay=1m"), "s", Map.of(GcpTasksConstants.SCHEDULE_TIME, value));
            Task task = EmulatorSupport.fullTask(client, taskName(exchange));
            assertThat(TimeValues.toInstant(task.getScheduleTime())).as("from %s", value.getClass().getName())
                    .isEqualTo(at);
            assertThat(exchange.getMessage().getHeader(GcpTasksConstants.SCHEDULE_TIME)).isEqualTo(at);
        }
    }

    @Test
    void taskNameShortOrFull() {
        String shortId = "order-" + UUID.randomUUID();
        Exchange byId = send(heldUri(""), "n", Map.of(GcpTasksConstants.TASK_NAME, shortId));
        assertThat(taskName(byId)).isEqualTo(HELD + "/tasks/" + shortId);
        assertThat(EmulatorSupport.fullTask(client, HELD + "/tasks/" + shortId).getName())
                .isEqualTo(HELD + "/tasks/" + shortId);

        String full = HELD + "/tasks/order_" + UUID.randomUUID().toString().replace("-", "_");
        Exchange byName = send(heldUri(""), "n", Map.of(GcpTasksConstants.TASK_NAME, full));
        assertThat(taskName(byName)).isEqualTo(full);
        assertThat(EmulatorSupport.fullTask(client, full).getHttpRequest().getBody().toStringUtf8()).isEqualTo("n");
    }

    @Test
    void dispatchDeadlineFromOptionOrHeader() {
        Exchange option = send(heldUri("dispatchDeadline=2m"), "d", Map.of());
        assertThat(EmulatorSupport.fullTask(client, taskName(option)).getDispatchDeadline().getSeconds()).isEqualTo(120);
        Exchange header = send(heldUri("dispatchDeadline=2m"), "d",
                Map.of(GcpTasksConstants.DISPATCH_DEADLINE, Duration.ofSeconds(45)));
        assertThat(EmulatorSupport.fullTask(client, taskName(header)).getDispatchDeadline().getSeconds()).isEqualTo(45);
        Exchange none = send(heldUri(""), "d", Map.of());
        assertThat(EmulatorSupport.fullTask(client, taskName(none)).getDispatchDeadline().getSeconds())
                .as("Cloud Tasks' default").isEqualTo(600);
    }

    @Test
    void oidcTokenIsDeliveredAndVerifies() throws Exception {
        Exchange exchange = send(deliverUri("oidcServiceAccountEmail=" + SA), "secure", Map.of());
        RecordingHttpServer.Request delivered = receiver.awaitTask(taskName(exchange));
        String authorization = delivered.header("Authorization");
        assertThat(authorization).startsWith("Bearer ");
        JsonWebSignature token = TokenVerifier.newBuilder()
                .setCertificatesLocation(EMULATOR.emulator().jwksUrl())
                .setIssuer(EMULATOR.emulator().openIdIssuer())
                .setAudience(receiver.url("/in"))
                .build()
                .verify(authorization.substring("Bearer ".length()));
        assertThat(token.getPayload().get("email")).isEqualTo(SA);

        Exchange audience = send(deliverUri("oidcServiceAccountEmail=" + SA + "&oidcAudience=https://orders.example"),
                "secure", Map.of());
        String withAudience = receiver.awaitTask(taskName(audience)).header("Authorization").substring(7);
        assertThat(TokenVerifier.newBuilder().setCertificatesLocation(EMULATOR.emulator().jwksUrl())
                .setIssuer(EMULATOR.emulator().openIdIssuer()).setAudience("https://orders.example").build()
                .verify(withAudience).getPayload().getAudience()).isEqualTo("https://orders.example");
    }

    @Test
    void oauthTokenIsSetOnTheTask() {
        Exchange exchange = send(heldUri("oauthServiceAccountEmail=" + SA
                                         + "&oauthScope=https://www.googleapis.com/auth/cloud-platform"),
                "o", Map.of());
        Task task = EmulatorSupport.fullTask(client, taskName(exchange));
        assertThat(task.getHttpRequest().getOauthToken().getServiceAccountEmail()).isEqualTo(SA);
        assertThat(task.getHttpRequest().getOauthToken().getScope())
                .isEqualTo("https://www.googleapis.com/auth/cloud-platform");
        assertThat(task.getHttpRequest().hasOidcToken()).isFalse();
        assertThat(task.getHttpRequest().getHttpMethod()).isEqualTo(HttpMethod.POST);

        Exchange delivered = send(deliverUri("oauthServiceAccountEmail=" + SA), "o", Map.of());
        assertThat(receiver.awaitTask(taskName(delivered)).header("Authorization")).startsWith("Bearer ");
    }
}
