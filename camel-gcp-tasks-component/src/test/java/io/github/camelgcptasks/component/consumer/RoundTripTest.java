package io.github.camelgcptasks.component.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.cloud.tasks.v2.Task;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole loop: the gcp-tasks producer creates tasks in the emulator, the emulator dispatches them over HTTP into
 * platform-http, and the gcp-tasks consumer routes them; the route's outcome drives the emulator's retries.
 */
class RoundTripTest extends EmulatorTestSupport {

    @RegisterExtension
    static final CloudTasksEmulatorExtension EMULATOR = new CloudTasksEmulatorExtension();

    private static final Duration AT_MOST = Duration.ofSeconds(30);

    @Override
    protected CloudTasksEmulator emulator() {
        return EMULATOR.emulator();
    }

    private MockEndpoint mock(String name) {
        return context.getEndpoint("mock:" + name, MockEndpoint.class);
    }

    private ProducerTemplate template() {
        return context.createProducerTemplate();
    }

    @Test
    void textBytesAndJsonArriveAsSentWithTypedHeaders() throws Exception {
        String text = createQueue("text", 10);
        String bytes = createQueue("bytes", 10);
        String json = createQueue("json", 10);
        configureComponent();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:" + text + "?unmarshalType=java.lang.String").to("mock:text");
                from("gcp-tasks:" + bytes).to("mock:bytes");
                from("gcp-tasks:" + json + "?unmarshalType=" + TestOrder.class.getName()).to("mock:json");
            }
        });
        byte[] binary = { 0, 1, (byte) 0xFF, (byte) 0xFE, 'x' };

        template().sendBody("gcp-tasks:" + text, "h\u00e9llo w\u00f6rld");
        template().sendBody("gcp-tasks:" + bytes, binary);
        Exchange sent = template().request("gcp-tasks:" + json, exchange -> {
            exchange.getMessage().setBody(new TestOrder("A-17", 3));
            exchange.getMessage().setHeader("X-Order-Source", "web");
        });
        assertThat(sent.getException()).isNull();

        await().atMost(AT_MOST).until(() -> mock("text").getReceivedCounter() == 1
                                             && mock("bytes").getReceivedCounter() == 1
                                             && mock("json").getReceivedCounter() == 1);
        assertThat(mock("text").getReceivedExchanges().get(0).getMessage().getBody())
                .isEqualTo("h\u00e9llo w\u00f6rld");
        assertThat(mock("bytes").getReceivedExchanges().get(0).getMessage().getBody())
                .isInstanceOf(byte[].class).isEqualTo(binary);

        Exchange received = mock("json").getReceivedExchanges().get(0);
        Map<String, Object> headers = received.getMessage().getHeaders();
        assertThat(received.getMessage().getBody()).isEqualTo(new TestOrder("A-17", 3));
        String createdName = sent.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class);
        assertThat(createdName).startsWith(queuePath(json) + "/tasks/");
        assertThat(headers.get(GcpTasksConstants.TASK_NAME))
                .isEqualTo(createdName.substring(createdName.lastIndexOf('/') + 1));
        assertThat(headers.get(GcpTasksConstants.QUEUE_NAME)).isEqualTo(json);
        assertThat(headers.get(GcpTasksConstants.RETRY_COUNT)).isInstanceOf(Integer.class).isEqualTo(0);
        assertThat(headers.get(GcpTasksConstants.EXECUTION_COUNT)).isInstanceOf(Integer.class).isEqualTo(0);
        assertThat(headers).doesNotContainKey(GcpTasksConstants.PREVIOUS_RESPONSE);
        Instant scheduled = sent.getMessage().getHeader(GcpTasksConstants.SCHEDULE_TIME, Instant.class);
        assertThat(headers.get(GcpTasksConstants.ETA)).isInstanceOf(Instant.class)
                .isEqualTo(scheduled.truncatedTo(ChronoUnit.MICROS));
        assertThat(headers.get("X-Order-Source")).isEqualTo("web");
        assertThat(headers.get("Content-Type")).asString().startsWith("application/json");
        assertThat(headers.keySet()).noneMatch(name -> name.toLowerCase().startsWith("x-cloudtasks-"));
    }

    @Test
    void routeFailingTwiceSeesRetryCountsZeroOneTwoAndTheTaskIsGoneAfterSuccess() throws Exception {
        String queue = createQueue("flaky", 10);
        configureComponent();
        List<Integer> retryCounts = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:" + queue)
                        .process(exchange -> {
                            int retryCount = exchange.getMessage().getHeader(GcpTasksConstants.RETRY_COUNT, Integer.class);
                            retryCounts.add(retryCount);
                            if (retryCount < 2) {
                                throw new IllegalStateException("not yet");
                            }
                        })
                        .to("mock:done");
            }
        });

        Exchange sent = template().request("gcp-tasks:" + queue, exchange -> exchange.getMessage().setBody("work"));
        String taskName = sent.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class);

        await().atMost(AT_MOST).until(() -> isGone(taskName));
        assertThat(retryCounts).containsExactly(0, 1, 2);
        MockEndpoint done = mock("done");
        assertThat(done.getReceivedCounter()).isEqualTo(1);
        Map<String, Object> headers = done.getReceivedExchanges().get(0).getMessage().getHeaders();
        assertThat(headers.get(GcpTasksConstants.PREVIOUS_RESPONSE)).isEqualTo(500);
        // 5xx answers are not counted as executions
        assertThat(headers.get(GcpTasksConstants.EXECUTION_COUNT)).isEqualTo(0);
    }

    @Test
    void deliveryFailingOnItsLastAllowedAttemptIsDeadLetteredAndTheTaskCompletes() throws Exception {
        String queue = createQueue("poison", 10);
        configureComponent();
        List<Integer> retryCounts = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:" + queue + "?maxDeliveryAttempts=3&deadLetterUri=mock:dead")
                        .process(exchange -> retryCounts.add(
                                exchange.getMessage().getHeader(GcpTasksConstants.RETRY_COUNT, Integer.class)))
                        .throwException(new IllegalArgumentException("cannot parse order"));
            }
        });

        Exchange sent = template().request("gcp-tasks:" + queue, exchange -> exchange.getMessage().setBody("poison"));
        String taskName = sent.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class);

        await().atMost(AT_MOST).until(() -> isGone(taskName));
        assertThat(retryCounts).containsExactly(0, 1, 2);
        MockEndpoint dead = mock("dead");
        assertThat(dead.getReceivedCounter()).isEqualTo(1);
        Exchange deadLettered = dead.getReceivedExchanges().get(0);
        assertThat(deadLettered.getMessage().getBody(String.class)).isEqualTo("poison");
        assertThat(deadLettered.getMessage().getHeader(GcpTasksConstants.RETRY_COUNT)).isEqualTo(2);
        assertThat(deadLettered.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot parse order");
    }

    @Test
    void deliveriesWhileSuspendedAreRetriedByCloudTasksAndArriveAfterResume() throws Exception {
        String queue = createQueue("pausable", 10);
        configureComponent();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:" + queue).routeId("pausable").to("mock:out");
            }
        });
        context.getRouteController().suspendRoute("pausable");

        Exchange sent = template().request("gcp-tasks:" + queue, exchange -> exchange.getMessage().setBody("later"));
        String taskName = sent.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class);

        // the emulator tried twice and was turned away, and keeps the task; responses, not dispatches, are counted,
        // since dispatch_count already includes an attempt still on its way, which could reach the resumed route
        await().atMost(AT_MOST).until(() -> client().getTask(taskName).getResponseCount() >= 2);
        MockEndpoint out = mock("out");
        assertThat(out.getReceivedCounter()).isZero();

        context.getRouteController().resumeRoute("pausable");

        await().atMost(AT_MOST).until(() -> isGone(taskName));
        assertThat(out.getReceivedCounter()).isEqualTo(1);
        Map<String, Object> headers = out.getReceivedExchanges().get(0).getMessage().getHeaders();
        assertThat(out.getReceivedExchanges().get(0).getMessage().getBody(String.class)).isEqualTo("later");
        assertThat((Integer) headers.get(GcpTasksConstants.RETRY_COUNT)).isGreaterThanOrEqualTo(2);
        assertThat(headers.get(GcpTasksConstants.PREVIOUS_RESPONSE)).isEqualTo(503);
    }

    @Test
    void thousandTasksWithFiftyConcurrentDispatchesAreEachProcessedExactlyOnce() throws Exception {
        String queue = createQueue("bulk", 50);
        configureComponent();
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:" + queue + "?unmarshalType=java.lang.String")
                        .process(exchange -> {
                            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                            try {
                                deliveries.computeIfAbsent(exchange.getMessage().getBody(String.class),
                                                           body -> new AtomicInteger())
                                        .incrementAndGet();
                            } finally {
                                inFlight.decrementAndGet();
                            }
                        });
            }
        });
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            bodies.add("order-" + i);
        }

        Exchange sent = template().request("gcp-tasks:" + queue + "?batch=true",
                                           exchange -> exchange.getMessage().setBody(bodies));
        assertThat(sent.getMessage().getHeader(GcpTasksConstants.BATCH_FAILURES, Integer.class)).isZero();

        await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.size() == 1000 && isEmpty(queue));
        assertThat(deliveries.keySet()).containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(deliveries.values()).allMatch(count -> count.get() == 1);
        assertThat(maxInFlight.get()).isBetween(1, 50);
    }

    @Test
    void theRealClientCanFeedTheConsumerDirectly() throws Exception {
        String queue = createQueue("client", 10);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:" + queue + "?unmarshalType=java.lang.String").to("mock:out");
            }
        });

        Task task = client().createTask(queuePath(queue), Task.newBuilder()
                .setHttpRequest(com.google.cloud.tasks.v2.HttpRequest.newBuilder()
                        .setUrl(url("/gcp-tasks/" + queue))
                        .setHttpMethod(com.google.cloud.tasks.v2.HttpMethod.POST)
                        .putHeaders("X-Tenant", "acme")
                        .setBody(com.google.protobuf.ByteString.copyFrom("direct", StandardCharsets.UTF_8)))
                .build());

        await().atMost(AT_MOST).until(() -> isGone(task.getName()));
        MockEndpoint out = mock("out");
        assertThat(out.getReceivedCounter()).isEqualTo(1);
        assertThat(out.getReceivedExchanges().get(0).getMessage().getBody()).isEqualTo("direct");
        assertThat(out.getReceivedExchanges().get(0).getMessage().getHeader("X-Tenant")).isEqualTo("acme");
    }
}
