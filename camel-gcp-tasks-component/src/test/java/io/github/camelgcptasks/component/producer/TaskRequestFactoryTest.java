package io.github.camelgcptasks.component.producer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tasks.v2.CreateTaskRequest;
import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.protobuf.Timestamp;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.component.GcpTasksEndpoint;
import io.github.camelgcptasks.component.GcpTasksInvalidInputException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mapping from an exchange to a CreateTask request, without any call to Cloud Tasks.
 */
class TaskRequestFactoryTest {

    private static final String QUEUE = "projects/p/locations/l/queues/q";
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private CamelContext context;

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private TaskRequestFactory factory(String options) {
        GcpTasksEndpoint endpoint = context.getEndpoint("gcp-tasks:" + QUEUE + "?" + options, GcpTasksEndpoint.class);
        return new TaskRequestFactory(endpoint, new TaskBodyEncoder(new ObjectMapper()), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Exchange exchange(Object body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void stringBodyIsUtf8AndGetsNoContentType() {
        CreateTaskRequest request = factory("targetUrl=http://h/x").create(exchange("grüße"));
        assertThat(request.getParent()).isEqualTo(QUEUE);
        HttpRequest http = request.getTask().getHttpRequest();
        assertThat(http.getBody().toString(StandardCharsets.UTF_8)).isEqualTo("grüße");
        assertThat(http.getBody().size()).isEqualTo("grüße".getBytes(StandardCharsets.UTF_8).length);
        assertThat(http.getHeadersMap()).doesNotContainKey("Content-Type");
        assertThat(http.getHttpMethod()).isEqualTo(HttpMethod.POST);
        assertThat(http.getUrl()).isEqualTo("http://h/x");
        assertThat(request.getTask().getName()).isEmpty();
        assertThat(request.getTask().hasScheduleTime()).isFalse();
        assertThat(request.getTask().hasDispatchDeadline()).isFalse();
    }

    @Test
    void bytesAreSentAsTheyAre() {
        byte[] bytes = { 0, (byte) 0xff, 42 };
        HttpRequest http = factory("targetUrl=http://h/x").create(exchange(bytes)).getTask().getHttpRequest();
        assertThat(http.getBody().toByteArray()).containsExactly(bytes);
    }

    @Test
    void bodiesHttpConsumersAndFilesHandOverAreSentAsTheirContent(@TempDir Path dir) throws Exception {
        TaskRequestFactory factory = factory("targetUrl=http://h/x");
        Object[] bodies = {
                io.vertx.core.buffer.Buffer.buffer("from vertx"),
                new ByteArrayInputStream("from stream".getBytes(StandardCharsets.UTF_8)),
                Files.writeString(dir.resolve("order.txt"), "from file").toFile() };
        String[] expected = { "from vertx", "from stream", "from file" };
        for (int i = 0; i < bodies.length; i++) {
            HttpRequest http = factory.create(exchange(bodies[i])).getTask().getHttpRequest();
            assertThat(http.getBody().toStringUtf8()).as("%s", bodies[i].getClass()).isEqualTo(expected[i]);
            assertThat(http.getHeadersMap()).doesNotContainKey("Content-Type");
        }
    }

    @Test
    void objectsBecomeJsonWithContentTypeUnlessOneIsSet() {
        HttpRequest http = factory("targetUrl=http://h/x").create(exchange(Map.of("id", 7))).getTask().getHttpRequest();
        assertThat(http.getBody().toStringUtf8()).isEqualTo("{\"id\":7}");
        assertThat(http.getHeadersMap()).containsEntry("Content-Type", "application/json");

        Exchange own = exchange(List.of(1, 2));
        own.getMessage().setHeader("Content-Type", "application/vnd.orders+json");
        HttpRequest ownType = factory("targetUrl=http://h/x").create(own).getTask().getHttpRequest();
        assertThat(ownType.getBody().toStringUtf8()).isEqualTo("[1,2]");
        assertThat(ownType.getHeadersMap()).containsEntry("Content-Type", "application/vnd.orders+json")
                .hasSize(1);
    }

    @Test
    void headersPassTheFilterAndCamelHeadersStayBehind() {
        Exchange exchange = exchange("x");
        exchange.getMessage().setHeader("X-Order-Id", 42);
        exchange.getMessage().setHeader("X-Tags", List.of("a", "b"));
        exchange.getMessage().setHeader("CamelFileName", "secret.txt");
        exchange.getMessage().setHeader(GcpTasksConstants.OPERATION, "createTask");
        exchange.getMessage().setHeader("Host", "example.org");
        exchange.getMessage().setHeader("Content-Length", "1");
        exchange.getMessage().setHeader("Authorization", "Bearer leaked");
        HttpRequest http = factory("targetUrl=http://h/x").create(exchange).getTask().getHttpRequest();
        assertThat(http.getHeadersMap()).containsOnly(Map.entry("X-Order-Id", "42"), Map.entry("X-Tags", "a, b"));
    }

    @Test
    void targetBaseUrlMeetsTheConsumerPath() {
        assertThat(factory("targetBaseUrl=https://app.example/").url(endpointConfig("targetBaseUrl=https://app.example/")))
                .isEqualTo("https://app.example/gcp-tasks/q");
        HttpRequest http = factory("targetBaseUrl=https://app.example").create(exchange("x")).getTask().getHttpRequest();
        assertThat(http.getUrl()).isEqualTo("https://app.example/gcp-tasks/q");
        HttpRequest custom = factory("targetBaseUrl=https://app.example//&path=/hooks/orders").create(exchange("x"))
                .getTask().getHttpRequest();
        assertThat(custom.getUrl()).isEqualTo("https://app.example/hooks/orders");
        HttpRequest both = factory("targetBaseUrl=https://app.example&targetUrl=https://other.example/in")
                .create(exchange("x")).getTask().getHttpRequest();
        assertThat(both.getUrl()).isEqualTo("https://other.example/in");
    }

    private io.github.camelgcptasks.component.GcpTasksConfiguration endpointConfig(String options) {
        return context.getEndpoint("gcp-tasks:" + QUEUE + "?" + options, GcpTasksEndpoint.class).getConfiguration();
    }

    @Test
    void missingUrlNamesBothOptions() {
        assertThatThrownBy(() -> factory("httpMethod=POST").create(exchange("x")))
                .isInstanceOf(GcpTasksInvalidInputException.class)
                .hasMessageContaining("targetUrl").hasMessageContaining("targetBaseUrl")
                .hasMessageContaining("/gcp-tasks/q");
    }

    @Test
    void methodComesFromTheOption() {
        HttpRequest http = factory("targetUrl=http://h/x&httpMethod=put").create(exchange("x")).getTask()
                .getHttpRequest();
        assertThat(http.getHttpMethod()).isEqualTo(HttpMethod.PUT);
        HttpRequest get = factory("targetUrl=http://h/x&httpMethod=GET").create(exchange(null)).getTask()
                .getHttpRequest();
        assertThat(get.getHttpMethod()).isEqualTo(HttpMethod.GET);
        assertThat(get.getBody().isEmpty()).isTrue();
        assertThatThrownBy(() -> factory("targetUrl=http://h/x&httpMethod=FETCH").create(exchange("x")))
                .isInstanceOf(GcpTasksInvalidInputException.class).hasMessageContaining("httpMethod 'FETCH'");
    }

    @Test
    void scheduleDelayIsAddedToNow() {
        CreateTaskRequest request = factory("targetUrl=http://h/x&scheduleDelay=90s").create(exchange("x"));
        assertThat(TimeValues.toInstant(request.getTask().getScheduleTime())).isEqualTo(NOW.plusSeconds(90));
    }

    @Test
    void scheduleHeaderAcceptsEveryDocumentedType() {
        Instant at = NOW.plus(Duration.ofHours(2)).plusMillis(250);
        List<Object> values = List.of(at, Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano())
                .build(), Date.from(at), at.toEpochMilli(), at.toString(), "2030-01-01T04:00:00.250+02:00");
        for (Object value : values) {
            Exchange exchange = exchange("x");
            exchange.getMessage().setHeader(GcpTasksConstants.SCHEDULE_TIME, value);
            CreateTaskRequest request = factory("targetUrl=http://h/x&scheduleDelay=5s").create(exchange);
            assertThat(TimeValues.toInstant(request.getTask().getScheduleTime())).as("from %s", value.getClass())
                    .isEqualTo(at);
        }
    }

    @Test
    void taskNameShortOrFull() {
        Exchange shortName = exchange("x");
        shortName.getMessage().setHeader(GcpTasksConstants.TASK_NAME, "order-42");
        assertThat(factory("targetUrl=http://h/x").create(shortName).getTask().getName())
                .isEqualTo(QUEUE + "/tasks/order-42");
        Exchange fullName = exchange("x");
        fullName.getMessage().setHeader(GcpTasksConstants.TASK_NAME, QUEUE + "/tasks/order_43");
        assertThat(factory("targetUrl=http://h/x").create(fullName).getTask().getName())
                .isEqualTo(QUEUE + "/tasks/order_43");
    }

    @Test
    void dispatchDeadlineFromOptionOrHeader() {
        assertThat(factory("targetUrl=http://h/x&dispatchDeadline=2m").create(exchange("x")).getTask()
                .getDispatchDeadline().getSeconds()).isEqualTo(120);
        for (Object value : List.of(Duration.ofSeconds(45), 45_000L, "45s", "PT45S")) {
            Exchange exchange = exchange("x");
            exchange.getMessage().setHeader(GcpTasksConstants.DISPATCH_DEADLINE, value);
            assertThat(factory("targetUrl=http://h/x&dispatchDeadline=2m").create(exchange).getTask()
                    .getDispatchDeadline().getSeconds()).as("from %s", value).isEqualTo(45);
        }
    }

    @Test
    void oidcTokenWinsOverOauth() {
        HttpRequest oidc = factory("targetUrl=http://h/x&oidcServiceAccountEmail=sa@p.iam.gserviceaccount.com"
                                   + "&oidcAudience=https://aud&oauthServiceAccountEmail=other@p.iam.gserviceaccount.com")
                .create(exchange("x")).getTask().getHttpRequest();
        assertThat(oidc.getOidcToken().getServiceAccountEmail()).isEqualTo("sa@p.iam.gserviceaccount.com");
        assertThat(oidc.getOidcToken().getAudience()).isEqualTo("https://aud");
        assertThat(oidc.hasOauthToken()).isFalse();

        HttpRequest oauth = factory("targetUrl=http://h/x&oauthServiceAccountEmail=sa@p.iam.gserviceaccount.com"
                                    + "&oauthScope=https://www.googleapis.com/auth/cloud-platform")
                .create(exchange("x")).getTask().getHttpRequest();
        assertThat(oauth.getOauthToken().getServiceAccountEmail()).isEqualTo("sa@p.iam.gserviceaccount.com");
        assertThat(oauth.getOauthToken().getScope()).isEqualTo("https://www.googleapis.com/auth/cloud-platform");
        assertThat(oauth.hasOidcToken()).isFalse();
    }
}
