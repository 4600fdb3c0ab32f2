package io.github.camelgcptasks.component.consumer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelgcptasks.component.CloudTasksLimits;
import io.github.camelgcptasks.component.GcpTasksConstants;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer's answers to requests sent over real HTTP into platform-http (Vert.x), shaped like Cloud Tasks
 * deliveries but sent by the test, so each answer can be asserted exactly. Token verification is off here; the OIDC
 * tests cover it.
 */
class DeliveryHandlingTest extends ConsumerTestSupport {

    private static final String PATH = "/gcp-tasks/orders";
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

    private MockEndpoint mock(String name) {
        return context.getEndpoint("mock:" + name, MockEndpoint.class);
    }

    private void startRoute(String options) throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:orders" + options).routeId("orders").to("mock:out");
            }
        });
    }

    @Test
    void deliveryHeadersArriveTypedAndRawOnesDoNot() throws Exception {
        startRoute("");
        HttpResponse<String> response = send(delivery(PATH, "orders", "task-1", 2, HELLO)
                .setHeader("X-CloudTasks-TaskExecutionCount", "1")
                .header("X-CloudTasks-TaskPreviousResponse", "503")
                .header("X-CloudTasks-TaskRetryReason", "")
                .header("X-Order-Id", "42")
                .header("Authorization", "Bearer secret-token")
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        MockEndpoint out = mock("out");
        assertThat(out.getReceivedCounter()).isEqualTo(1);
        Exchange received = out.getReceivedExchanges().get(0);
        Map<String, Object> headers = received.getMessage().getHeaders();
        assertThat(received.getMessage().getBody()).isInstanceOf(byte[].class).isEqualTo(HELLO);
        assertThat(headers.get(GcpTasksConstants.QUEUE_NAME)).isEqualTo("orders");
        assertThat(headers.get(GcpTasksConstants.TASK_NAME)).isEqualTo("task-1");
        assertThat(headers.get(GcpTasksConstants.RETRY_COUNT)).isInstanceOf(Integer.class).isEqualTo(2);
        assertThat(headers.get(GcpTasksConstants.EXECUTION_COUNT)).isInstanceOf(Integer.class).isEqualTo(1);
        assertThat(headers.get(GcpTasksConstants.PREVIOUS_RESPONSE)).isInstanceOf(Integer.class).isEqualTo(503);
        assertThat(headers.get(GcpTasksConstants.ETA)).isEqualTo(Instant.ofEpochSecond(1764000000L, 250_000_000L));
        assertThat(headers.get(GcpTasksConstants.RETRY_REASON)).isEqualTo("");
        assertThat(headers.get("X-Order-Id")).isEqualTo("42");
        assertThat(headers.keySet()).noneMatch(name -> name.toLowerCase().startsWith("x-cloudtasks-"));
        assertThat(headers.keySet()).noneMatch(name -> name.equalsIgnoreCase("authorization"));
        assertThat(received.getFromEndpoint().getEndpointUri()).startsWith("gcp-tasks:");
    }

    @Test
    void jsonBodyIsUnmarshalledToUnmarshalType() throws Exception {
        startRoute("?unmarshalType=" + TestOrder.class.getName());
        byte[] json = "{\"id\":\"A-1\",\"quantity\":3,\"addedLater\":true}".getBytes(StandardCharsets.UTF_8);

        assertThat(send(delivery(PATH, "orders", "t", 0, json).build()).statusCode()).isEqualTo(200);

        assertThat(mock("out").getReceivedExchanges().get(0).getMessage().getBody()).isEqualTo(new TestOrder("A-1", 3));
    }

    @Test
    void formEncodedBodyThatTheEngineConsumedIs415AndNotRoutedEmpty() throws Exception {
        // Vert.x parses a form body into fields before the consumer sees it; routing an empty body would lose the task
        startRoute("");
        byte[] form = "order=A-1&quantity=3".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send(delivery(PATH, "orders", "t", 0, form)
                .setHeader("Content-Type", "application/x-www-form-urlencoded").build());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).isEqualTo("Body not readable with this content type");
        assertThat(mock("out").getReceivedCounter()).isZero();
    }

    @Test
    void emptyBodyIsRoutedAsAnEmptyBody() throws Exception {
        startRoute("");

        assertThat(send(delivery(PATH, "orders", "t", 0, new byte[0]).build()).statusCode()).isEqualTo(200);

        assertThat(mock("out").getReceivedExchanges().get(0).getMessage().getBody(byte[].class)).isEmpty();
    }

    @Test
    void bodyThatIsNotJsonOfTheTypeIsAFailureAndNeverRouted() throws Exception {
        startRoute("?unmarshalType=" + TestOrder.class.getName());

        HttpResponse<String> response = send(delivery(PATH, "orders", "t", 0, HELLO).build());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(mock("out").getReceivedCounter()).isZero();
    }

    @Test
    void wrongQueueOrMissingTaskNameIs400AndNotRouted() throws Exception {
        startRoute("");

        assertThat(send(delivery(PATH, "payments", "t", 0, HELLO).build()).statusCode()).isEqualTo(400);
        HttpRequest noTaskName = HttpRequest.newBuilder(URI.create(url(PATH)))
                .header("X-CloudTasks-QueueName", "orders")
                .POST(HttpRequest.BodyPublishers.ofByteArray(HELLO)).build();
        assertThat(send(noTaskName).statusCode()).isEqualTo(400);
        assertThat(send(delivery(PATH, "orders", "t", 0, HELLO).setHeader("X-CloudTasks-TaskRetryCount", "x").build())
                .statusCode()).isEqualTo(400);

        assertThat(mock("out").getReceivedCounter()).isZero();
    }

    @Test
    void headerValidationCanBeTurnedOff() throws Exception {
        startRoute("?validateDeliveryHeaders=false");

        HttpRequest plain = HttpRequest.newBuilder(URI.create(url(PATH)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(HELLO)).build();

        assertThat(send(plain).statusCode()).isEqualTo(200);
        assertThat(mock("out").getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void bodyOverOneMegabyteIs413AndNotRouted() throws Exception {
        startRoute("");

        byte[] atLimit = new byte[CloudTasksLimits.MAX_TASK_SIZE_BYTES];
        byte[] overLimit = new byte[CloudTasksLimits.MAX_TASK_SIZE_BYTES + 1];

        assertThat(send(delivery(PATH, "orders", "big", 0, overLimit).build()).statusCode()).isEqualTo(413);
        assertThat(mock("out").getReceivedCounter()).isZero();
        assertThat(send(delivery(PATH, "orders", "limit", 0, atLimit).build()).statusCode()).isEqualTo(200);
        assertThat(mock("out").getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void getIs405() throws Exception {
        startRoute("");

        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url(PATH))).GET().build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(mock("out").getReceivedCounter()).isZero();
    }

    @Test
    void customPathIsServed() throws Exception {
        startRoute("?path=/hooks/orders");

        assertThat(send(delivery("/hooks/orders", "orders", "t", 0, HELLO).build()).statusCode()).isEqualTo(200);
        assertThat(send(delivery(PATH, "orders", "t", 0, HELLO).build()).statusCode()).isEqualTo(404);
    }

    @Test
    void routeFailureIs500WithAGenericBodyAndNoStackTrace() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:orders").throwException(new IllegalStateException("database password is hunter2"));
            }
        });

        HttpResponse<String> response = send(delivery(PATH, "orders", "t", 0, HELLO).build());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo(DeliveryHandler.FAILED_BODY);
        assertThat(response.body()).doesNotContain("hunter2").doesNotContain("Exception").doesNotContain("at ");
    }

    @Test
    void statusAndRetryAfterSetByTheRouteAreHonoured() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:orders")
                        .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(429))
                        .setHeader("Retry-After", constant("30"));
            }
        });

        HttpResponse<String> response = send(delivery(PATH, "orders", "t", 0, HELLO).build());

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
    }

    @Test
    void successWithoutAStatusIs200AndDoesNotEchoTheDelivery() throws Exception {
        startRoute("");

        HttpResponse<String> response = send(delivery(PATH, "orders", "t", 0, HELLO).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void idempotentRepositorySkipsACompletedTaskAndReprocessesAfterAFailure() throws Exception {
        MemoryIdempotentRepository repository = new MemoryIdempotentRepository();
        context.getRegistry().bind("processed", repository);
        AtomicInteger calls = new AtomicInteger();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:orders?idempotentRepository=#processed")
                        .process(exchange -> {
                            String task = exchange.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class);
                            if (task.equals("flaky") && calls.incrementAndGet() == 1) {
                                throw new IllegalStateException("first attempt fails");
                            }
                        })
                        .to("mock:out");
            }
        });
        MockEndpoint out = mock("out");

        assertThat(send(delivery(PATH, "orders", "once", 0, HELLO).build()).statusCode()).isEqualTo(200);
        assertThat(send(delivery(PATH, "orders", "once", 0, HELLO).build()).statusCode()).isEqualTo(200);
        assertThat(out.getReceivedCounter()).isEqualTo(1);
        assertThat(repository.contains("orders/once")).isTrue();

        assertThat(send(delivery(PATH, "orders", "flaky", 0, HELLO).build()).statusCode()).isEqualTo(500);
        assertThat(repository.contains("orders/flaky")).isFalse();
        assertThat(send(delivery(PATH, "orders", "flaky", 1, HELLO).build()).statusCode()).isEqualTo(200);
        assertThat(out.getReceivedCounter()).isEqualTo(2);
        assertThat(send(delivery(PATH, "orders", "flaky", 2, HELLO).build()).statusCode()).isEqualTo(200);
        assertThat(out.getReceivedCounter()).isEqualTo(2);
    }

    @Test
    void duplicateOfATaskStillBeingProcessedIs409SoCloudTasksRetriesIt() throws Exception {
        MemoryIdempotentRepository processed = new MemoryIdempotentRepository();
        context.getRegistry().bind("processed", processed);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:orders?idempotentRepository=#processed")
                        .process(exchange -> {
                            entered.countDown();
                            assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
                        })
                        .to("mock:out");
            }
        });

        CompletableFuture<HttpResponse<String>> first = HTTP.sendAsync(
                delivery(PATH, "orders", "slow", 0, HELLO).build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(20)).until(() -> entered.getCount() == 0);
        // not recorded while in progress: a consumer that dies now must not leave the task marked as done
        assertThat(processed.contains("orders/slow")).isFalse();
        HttpResponse<String> duplicate = send(delivery(PATH, "orders", "slow", 0, HELLO).build());
        release.countDown();

        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.headers().firstValue("Retry-After")).isPresent();
        assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(processed.contains("orders/slow")).isTrue();
        assertThat(send(delivery(PATH, "orders", "slow", 1, HELLO).build()).statusCode()).isEqualTo(200);
        assertThat(mock("out").getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void repositoryThatCannotConfirmMakesTheDelivery500SoItIsRetried() throws Exception {
        context.getRegistry().bind("broken", new MemoryIdempotentRepository() {
            @Override
            public boolean confirm(String key) {
                throw new IllegalStateException("repository unavailable");
            }
        });
        startRoute("?idempotentRepository=#broken");

        HttpResponse<String> response = send(delivery(PATH, "orders", "t", 0, HELLO).build());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo(DeliveryHandler.FAILED_BODY);
        assertThat(mock("out").getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void failureOnTheLastAllowedAttemptIsDeadLetteredAndAcknowledged() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:orders?maxDeliveryAttempts=3&deadLetterUri=mock:dead")
                        .setBody(constant("changed by the route"))
                        .throwException(new IllegalStateException("poison"));
            }
        });
        MockEndpoint dead = mock("dead");

        assertThat(send(delivery(PATH, "orders", "t", 1, HELLO).build()).statusCode()).isEqualTo(500);
        assertThat(dead.getReceivedCounter()).isZero();
        assertThat(send(delivery(PATH, "orders", "t", 2, HELLO).build()).statusCode()).isEqualTo(200);

        assertThat(dead.getReceivedCounter()).isEqualTo(1);
        Exchange deadLettered = dead.getReceivedExchanges().get(0);
        assertThat(deadLettered.getMessage().getBody()).isEqualTo(HELLO);
        assertThat(deadLettered.getMessage().getHeader(GcpTasksConstants.RETRY_COUNT)).isEqualTo(2);
        assertThat(deadLettered.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class))
                .isInstanceOf(IllegalStateException.class).hasMessage("poison");
    }

    @Test
    void deliveriesWhileSuspendedAre503AndRoutedAfterResume() throws Exception {
        startRoute("");

        context.getRouteController().suspendRoute("orders");
        HttpResponse<String> whileSuspended = send(delivery(PATH, "orders", "t", 0, HELLO).build());
        context.getRouteController().resumeRoute("orders");
        HttpResponse<String> afterResume = send(delivery(PATH, "orders", "t", 1, HELLO).build());

        assertThat(whileSuspended.statusCode()).isEqualTo(503);
        assertThat(afterResume.statusCode()).isEqualTo(200);
        assertThat(mock("out").getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void deadLetterOptionsMustComeTogether() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:orders?maxDeliveryAttempts=3").to("mock:out");
            }
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(context::start)
                .hasStackTraceContaining("maxDeliveryAttempts=3 needs deadLetterUri");
    }
}
