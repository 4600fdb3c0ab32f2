package io.github.camelgcptasks.compat;

import java.time.Duration;
import java.util.Map;

import io.github.camelgcptasks.component.GcpTasksConstants;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The gcp-tasks-sink and gcp-tasks-source Kamelets, loaded from the component jar by KameletMain with local mode on: a
 * message sent into the sink is created as a task, delivered over HTTP, and comes out of the source.
 */
class KameletsTest {

    private static final Map<String, String> LOCAL_MODE = Map.of("camel.component.gcp-tasks.embedded-emulator", "true");

    @Test
    void aMessageThroughTheSinkComesOutOfTheSource() throws Exception {
        try (RunningKameletMain main = RunningKameletMain.start("classpath:jbang/kamelets.camel.yaml", LOCAL_MODE)) {
            main.context().createProducerTemplate().sendBodyAndHeader("direct:send", "{\"order\":7}",
                    Exchange.CONTENT_TYPE, "application/json");

            MockEndpoint received = main.context().getEndpoint("mock:received", MockEndpoint.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> assertThat(received.getReceivedExchanges()).hasSize(1));
            Exchange delivery = received.getReceivedExchanges().get(0);
            assertThat(delivery.getMessage().getBody(String.class)).isEqualTo("{\"order\":7}");
            assertThat(delivery.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class))
                    .startsWith("application/json");
            assertThat(delivery.getMessage().getHeader(GcpTasksConstants.QUEUE_NAME)).isEqualTo("kamelet-orders");
            assertThat(delivery.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class))
                    .isNotBlank().doesNotContain("/");
        }
    }

    @Test
    void theSinkWithoutAQueueFailsTheStartAndNamesTheProperty() {
        assertThatThrownBy(() -> RunningKameletMain.start("classpath:jbang/sink-without-queue.camel.yaml", LOCAL_MODE)
                .close())
                .satisfies(e -> assertThat(rootMessages(e)).contains("queue"));
    }

    private static String rootMessages(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
