package io.github.camelgcptasks.component.consumer;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failures of the consumer itself, with tasks the emulator delivers: a body that cannot be unmarshalled, a dead letter
 * endpoint that fails and an idempotent repository that cannot record a task reach the consumer's exceptionHandler,
 * or the route's onException with bridgeErrorHandler=true; the answer keeps the task in Cloud Tasks' hands.
 */
class ConsumerErrorHandlingTest extends EmulatorTestSupport {

    @RegisterExtension
    static final CloudTasksEmulatorExtension EMULATOR = new CloudTasksEmulatorExtension();

    private static final Duration AT_MOST = Duration.ofSeconds(30);

    private final RecordingExceptionHandler handler = new RecordingExceptionHandler();

    @Override
    protected CloudTasksEmulator emulator() {
        return EMULATOR.emulator();
    }

    private MockEndpoint mock(String name) {
        return context.getEndpoint("mock:" + name, MockEndpoint.class);
    }

    private String send(String queue, Object body) {
        Exchange sent = context.createProducerTemplate().request("gcp-tasks:" + queue,
                exchange -> exchange.getMessage().setBody(body));
        assertThat(sent.getException()).isNull();
        return sent.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class);
    }

    private static String id(String taskName) {
        return taskName.substring(taskName.lastIndexOf('/') + 1);
    }

    /** An exception handler of the application's own, as the exceptionHandler option takes it. */
    static final class RecordingExceptionHandler implements ExceptionHandler {
        record Handled(String message, Exchange exchange, Throwable exception) {
        }

        final List<Handled> handled = new CopyOnWriteArrayList<>();

        @Override
        public void handleException(Throwable exception) {
            handleException(null, null, exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            handleException(message, null, exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            handled.add(new Handled(message, exchange, exception));
        }
    }

    @Test
    void anUnmarshalFailureReachesTheExceptionHandlerAndTheTaskIsRetriedUntilDeadLettered() throws Exception {
        String queue = createQueue("unmarshal", 10);
        configureComponent();
        context.getRegistry().bind("handler", handler);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:" + queue + "?unmarshalType=" + TestOrder.class.getName()
                     + "&exceptionHandler=#handler&maxDeliveryAttempts=2&deadLetterUri=mock:dead")
                        .to("mock:out");
            }
        });

        String taskName = send(queue, "not json");

        await().atMost(AT_MOST).until(() -> isGone(taskName));
        assertThat(mock("out").getReceivedCounter()).isZero();
        assertThat(mock("dead").getReceivedCounter()).isEqualTo(1);
        assertThat(mock("dead").getReceivedExchanges().get(0).getMessage().getBody(String.class)).isEqualTo("not json");
        // both attempts failed to unmarshal: the first was answered 500 and retried, the second dead-lettered
        assertThat(handler.handled).hasSize(2).allSatisfy(handled -> {
            assertThat(handled.message()).isEqualTo("Delivery of task " + id(taskName) + " not routed");
            assertThat(handled.exception()).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("The delivered body is not JSON of type " + TestOrder.class.getName());
            assertThat(handled.exchange().getMessage().getHeader(GcpTasksConstants.TASK_NAME)).isEqualTo(id(taskName));
        });
    }

    @Test
    void withBridgeErrorHandlerAnUnmarshalFailureRunsTheRoutesOnException() throws Exception {
        String queue = createQueue("bridged", 10);
        configureComponent();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                onException(IOException.class).handled(true).to("mock:bridged");
                from("gcp-tasks:" + queue + "?unmarshalType=" + TestOrder.class.getName()
                     + "&bridgeErrorHandler=true&maxDeliveryAttempts=2&deadLetterUri=mock:dead")
                        .to("mock:out");
            }
        });

        String taskName = send(queue, "not json either");

        await().atMost(AT_MOST).until(() -> isGone(taskName));
        MockEndpoint bridged = mock("bridged");
        assertThat(bridged.getReceivedCounter()).isEqualTo(2);
        Exchange first = bridged.getReceivedExchanges().get(0);
        assertThat(first.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("The delivered body is not JSON of type");
        assertThat(first.getMessage().getHeader(GcpTasksConstants.TASK_NAME)).isEqualTo(id(taskName));
        assertThat(first.getMessage().getHeader(GcpTasksConstants.RETRY_COUNT)).isEqualTo(0);
        assertThat(mock("out").getReceivedCounter()).isZero();
        // the route's error handler sees the failure; Cloud Tasks' retries and the dead letter still decide the task
        assertThat(mock("dead").getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void aFailingDeadLetterEndpointReachesTheExceptionHandlerAndTheTaskIsRetried() throws Exception {
        String queue = createQueue("dead-letter-down", 10);
        configureComponent();
        context.getRegistry().bind("handler", handler);
        List<Integer> deadLetterAttempts = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:dead-letter")
                        .process(exchange -> {
                            deadLetterAttempts.add(exchange.getMessage().getHeader(GcpTasksConstants.RETRY_COUNT,
                                    Integer.class));
                            if (deadLetterAttempts.size() == 1) {
                                throw new IllegalStateException("dead letter store offline");
                            }
                        })
                        .to("mock:dead");
                from("gcp-tasks:" + queue + "?exceptionHandler=#handler&maxDeliveryAttempts=1"
                     + "&deadLetterUri=direct:dead-letter")
                        .throwException(new IllegalArgumentException("poison"));
            }
        });

        String taskName = send(queue, "poison");

        await().atMost(AT_MOST).until(() -> isGone(taskName));
        assertThat(deadLetterAttempts).containsExactly(0, 1);
        assertThat(mock("dead").getReceivedCounter()).isEqualTo(1);
        assertThat(handler.handled).hasSize(1);
        RecordingExceptionHandler.Handled handled = handler.handled.get(0);
        assertThat(handled.message()).isEqualTo("Could not dead-letter task " + id(taskName)
                                                + " to direct:dead-letter; Cloud Tasks will retry it");
        assertThat(handled.exception()).isInstanceOf(IllegalStateException.class).hasMessage("dead letter store offline");
    }

    @Test
    void aRepositoryThatCannotRecordTheTaskReachesTheExceptionHandlerAndTheTaskIsRetried() throws Exception {
        String queue = createQueue("settle", 10);
        configureComponent();
        context.getRegistry().bind("handler", handler);
        context.getRegistry().bind("repository", new MemoryIdempotentRepository() {
            private int adds;

            @Override
            public boolean add(String key) {
                if (++adds == 1) {
                    throw new IllegalStateException("repository offline");
                }
                return super.add(key);
            }
        });
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:" + queue + "?exceptionHandler=#handler&idempotentRepository=#repository")
                        .to("mock:out");
            }
        });

        String taskName = send(queue, "work");

        await().atMost(AT_MOST).until(() -> isGone(taskName));
        // processed twice: the first time could not be recorded, so it was answered 500 and delivered again
        assertThat(mock("out").getReceivedCounter()).isEqualTo(2);
        assertThat(handler.handled).hasSize(1);
        assertThat(handler.handled.get(0).message()).isEqualTo("Could not settle the delivery of task " + id(taskName));
        assertThat(handler.handled.get(0).exception()).hasMessage("repository offline");
    }
}
