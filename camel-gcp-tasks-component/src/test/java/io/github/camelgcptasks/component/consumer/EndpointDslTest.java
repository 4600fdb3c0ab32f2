package io.github.camelgcptasks.component.consumer;

import java.time.Duration;
import java.time.Instant;

import com.google.cloud.tasks.v2.Task;
import io.github.camelgcptasks.builder.endpoint.dsl.GcpTasksEndpointBuilderFactory.GcpTasksBuilders;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelgcptasks.builder.endpoint.StaticEndpointBuilders.gcpTasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Routes and producers written with the Java endpoint DSL: an {@link EndpointRouteBuilder} that also implements
 * {@link GcpTasksBuilders} gets {@code gcpTasks(queue)} beside Camel's own builders, and anywhere else the static
 * {@code StaticEndpointBuilders.gcpTasks(queue)} does the same.
 */
class EndpointDslTest extends EmulatorTestSupport {

    @RegisterExtension
    static final CloudTasksEmulatorExtension EMULATOR = new CloudTasksEmulatorExtension();

    @Override
    protected CloudTasksEmulator emulator() {
        return EMULATOR.emulator();
    }

    @Test
    void builderOptionsReachTheCreatedTask() throws Exception {
        String queue = createQueue("dsl-held", 10);
        client().pauseQueue(queuePath(queue));
        configureComponent();
        context.start();

        Instant before = Instant.now();
        Exchange sent = context.createProducerTemplate().send(
                gcpTasks(queue).dispatchDeadline("2m").scheduleDelay("1h").resolve(context),
                exchange -> exchange.getMessage().setBody("held"));

        assertThat(sent.getException()).isNull();
        Task task = client().getTask(sent.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class));
        assertThat(task.getDispatchDeadline().getSeconds()).isEqualTo(120);
        assertThat(Instant.ofEpochSecond(task.getScheduleTime().getSeconds()))
                .isBetween(before.plus(Duration.ofMinutes(59)), before.plus(Duration.ofMinutes(61)));
    }

    @Test
    void anEndpointRouteBuilderConsumesAndProducesWithGcpTasks() throws Exception {
        String queue = createQueue("dsl-loop", 10);
        configureComponent();
        start(new DslRoutes(queue));

        context.createProducerTemplate().sendBody("direct:dsl-send", "through the DSL");

        MockEndpoint received = context.getEndpoint("mock:dsl-received", MockEndpoint.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(received.getReceivedExchanges()).hasSize(1));
        Exchange delivery = received.getReceivedExchanges().get(0);
        assertThat(delivery.getMessage().getBody(String.class)).isEqualTo("through the DSL");
        assertThat(delivery.getMessage().getHeader(GcpTasksConstants.QUEUE_NAME)).isEqualTo(queue);
    }

    private static final class DslRoutes extends EndpointRouteBuilder implements GcpTasksBuilders {

        private final String queue;

        DslRoutes(String queue) {
            this.queue = queue;
        }

        @Override
        public void configure() {
            from(direct("dsl-send")).to(gcpTasks(queue).dispatchDeadline("30s"));
            from(gcpTasks(queue).validateDeliveryHeaders(true)).to(mock("dsl-received"));
        }
    }
}
