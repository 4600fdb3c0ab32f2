package io.github.camelgcptasks.component.producer;

import java.util.UUID;

import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.Queue;
import com.google.protobuf.Duration;
import io.github.camelgcptasks.component.GcpTasksInvalidInputException;
import io.github.camelgcptasks.component.GcpTasksOperation;
import io.github.camelgcptasks.component.support.CamelFixture;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The queue* options shape the queue the producer creates (autoCreateQueue, or createQueue without a Queue body), read
 * back through the client; values Cloud Tasks would refuse fail the start before any call, naming the option and
 * the limit.
 */
class AutoCreateQueueSettingsTest {

    private static final String PREFIX = "projects/p/locations/l/queues/";

    static final CloudTasksEmulatorExtension EMULATOR = new CloudTasksEmulatorExtension();

    @RegisterExtension
    static final CamelFixture CAMEL = new CamelFixture(EMULATOR);

    private final CloudTasksClient client = CAMEL.client();
    private final CamelContext context = CAMEL.context();

    private static String uniqueQueue() {
        return PREFIX + "settings-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void startProducer(String queue, String options) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:" + queue.substring(PREFIX.length()))
                        .to("gcp-tasks:" + queue + "?autoCreateQueue=true&targetUrl=http://localhost:1/x" + options);
            }
        });
    }

    @Test
    void everyQueueOptionReachesTheCreatedQueue() throws Exception {
        String queue = uniqueQueue();
        startProducer(queue, "&queueMaxDispatchesPerSecond=2.5&queueMaxConcurrentDispatches=7&queueMaxAttempts=4"
                             + "&queueMinBackoff=2s&queueMaxBackoff=1m&queueMaxDoublings=3&queueMaxRetryDuration=1h");

        Queue created = client.getQueue(queue);
        assertThat(created.getRateLimits().getMaxDispatchesPerSecond()).isEqualTo(2.5);
        assertThat(created.getRateLimits().getMaxConcurrentDispatches()).isEqualTo(7);
        assertThat(created.getRetryConfig().getMaxAttempts()).isEqualTo(4);
        assertThat(created.getRetryConfig().getMinBackoff()).isEqualTo(Duration.newBuilder().setSeconds(2).build());
        assertThat(created.getRetryConfig().getMaxBackoff()).isEqualTo(Duration.newBuilder().setSeconds(60).build());
        assertThat(created.getRetryConfig().getMaxDoublings()).isEqualTo(3);
        assertThat(created.getRetryConfig().getMaxRetryDuration())
                .isEqualTo(Duration.newBuilder().setSeconds(3600).build());
    }

    @Test
    void unsetOptionsLeaveCloudTasksDefaults() throws Exception {
        String queue = uniqueQueue();
        startProducer(queue, "&queueMaxAttempts=-1");

        Queue created = client.getQueue(queue);
        assertThat(created.getRetryConfig().getMaxAttempts()).isEqualTo(-1);
        assertThat(created.getRateLimits().getMaxDispatchesPerSecond()).isEqualTo(500);
        assertThat(created.getRateLimits().getMaxConcurrentDispatches()).isEqualTo(1000);
        assertThat(created.getRetryConfig().getMaxDoublings()).isEqualTo(16);
    }

    @Test
    void createQueueWithoutAQueueBodyUsesTheOptionsToo() {
        String queue = uniqueQueue();
        Exchange exchange = CAMEL.template().send("gcp-tasks:" + queue + "?operation=" + GcpTasksOperation.createQueue
                                                  + "&queueMaxConcurrentDispatches=3", e -> e.getMessage().setBody("x"));

        assertThat(exchange.getException()).isNull();
        assertThat(client.getQueue(queue).getRateLimits().getMaxConcurrentDispatches()).isEqualTo(3);
    }

    @Test
    void valuesCloudTasksRefusesFailTheStartBeforeTheQueueIsCreated() {
        assertRefused("&queueMaxDispatchesPerSecond=501", "queueMaxDispatchesPerSecond",
                "queueMaxDispatchesPerSecond 501.0 is outside Cloud Tasks' range: more than 0 and at most 500");
        assertRefused("&queueMaxDispatchesPerSecond=0", "queueMaxDispatchesPerSecond",
                "queueMaxDispatchesPerSecond 0.0 is outside Cloud Tasks' range: more than 0 and at most 500");
        assertRefused("&queueMaxConcurrentDispatches=5001", "queueMaxConcurrentDispatches",
                "queueMaxConcurrentDispatches 5001 is outside Cloud Tasks' range of 1 to 5000");
        assertRefused("&queueMaxAttempts=0", "queueMaxAttempts",
                "queueMaxAttempts 0 is not allowed: use -1 for unlimited attempts, or 1 or more");
        assertRefused("&queueMinBackoff=2m&queueMaxBackoff=1m", "queueMinBackoff",
                "queueMinBackoff 2m is longer than queueMaxBackoff 1m; it must be at most queueMaxBackoff");
        assertRefused("&queueMaxDoublings=-1", "queueMaxDoublings", "queueMaxDoublings -1 is negative; it must be 0 or more");
        assertRefused("&queueMaxRetryDuration=-5000", "queueMaxRetryDuration",
                "queueMaxRetryDuration -5s is negative; it must be 0 (unset) or more");
    }

    private void assertRefused(String options, String field, String message) {
        String queue = uniqueQueue();
        assertThatThrownBy(() -> startProducer(queue, options))
                .rootCause()
                .isInstanceOf(GcpTasksInvalidInputException.class)
                .hasMessage(message)
                .extracting(e -> ((GcpTasksInvalidInputException) e).getField()).isEqualTo(field);
        assertThatThrownBy(() -> client.getQueue(queue)).isInstanceOf(NotFoundException.class);
    }
}
