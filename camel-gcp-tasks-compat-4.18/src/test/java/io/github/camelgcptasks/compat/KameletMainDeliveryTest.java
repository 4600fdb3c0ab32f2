package io.github.camelgcptasks.compat;

import java.time.Duration;
import java.util.Map;

import io.github.camelgcptasks.component.GcpTasksConstants;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gcp-tasks consumer in a YAML route started by KameletMain, as {@code camel run} starts it, with local mode the only
 * gcp-tasks setting: the route starts, and a task created through the component arrives at it over real HTTP from the
 * embedded emulator.
 */
class KameletMainDeliveryTest {

    @Test
    void aConsumerStartsWithOnlyLocalModeSetAndReceivesATask() throws Exception {
        try (RunningKameletMain main = RunningKameletMain.start("classpath:jbang/deliveries.camel.yaml",
                Map.of("camel.component.gcp-tasks.embedded-emulator", "true"))) {
            assertThat(main.context().getRouteController().getRouteStatus("receive-deliveries"))
                    .isEqualTo(ServiceStatus.Started);

            main.context().createProducerTemplate().sendBody("gcp-tasks:jbang-orders", "order 42");

            MockEndpoint delivered = main.context().getEndpoint("mock:delivered", MockEndpoint.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> assertThat(delivered.getReceivedExchanges()).hasSize(1));
            Exchange delivery = delivered.getReceivedExchanges().get(0);
            assertThat(delivery.getMessage().getBody(String.class)).isEqualTo("order 42");
            assertThat(delivery.getMessage().getHeader(GcpTasksConstants.QUEUE_NAME)).isEqualTo("jbang-orders");
            assertThat(delivery.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class)).isNotBlank();
            assertThat(delivery.getMessage().getHeader(GcpTasksConstants.RETRY_COUNT)).isEqualTo(0);
        }
    }
}
