package io.github.camelgcptasks.component.consumer;

import java.time.Instant;
import java.util.List;

import io.github.camelgcptasks.component.GcpTasksConstants;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryHeadersTest {

    private static Message message() {
        return new DefaultMessage(new DefaultCamelContext());
    }

    @Test
    void etaKeepsItsFractionOfASecond() {
        Message message = message();
        message.setHeader("x-cloudtasks-tasketa", "1764000123.000456");

        DeliveryHeaders delivery = DeliveryHeaders.read(message);

        assertThat(delivery.eta()).isEqualTo(Instant.ofEpochSecond(1764000123L, 456_000L));
        assertThat(delivery.malformed()).isEmpty();
    }

    @Test
    void malformedValuesAreReportedAndLeftOut() {
        Message message = message();
        message.setHeader("X-CloudTasks-TaskRetryCount", "-1");
        message.setHeader("X-CloudTasks-TaskExecutionCount", "two");
        message.setHeader("X-CloudTasks-TaskETA", "soon");
        message.setHeader("X-CloudTasks-TaskPreviousResponse", "503");

        DeliveryHeaders delivery = DeliveryHeaders.read(message);
        delivery.applyTo(message);

        assertThat(delivery.malformed()).containsExactly(DeliveryHeaders.RETRY_COUNT, DeliveryHeaders.EXECUTION_COUNT,
                                                         DeliveryHeaders.ETA);
        assertThat(message.getHeaders()).doesNotContainKeys(GcpTasksConstants.RETRY_COUNT,
                                                            GcpTasksConstants.EXECUTION_COUNT, GcpTasksConstants.ETA);
        assertThat(message.getHeader(GcpTasksConstants.PREVIOUS_RESPONSE)).isEqualTo(503);
        assertThat(delivery.attempt()).isEqualTo(1);
    }

    @Test
    void attemptIsRetryCountPlusOneAndARepeatedHeaderCountsOnce() {
        Message message = message();
        message.setHeader("X-CloudTasks-TaskRetryCount", "4");
        message.setHeader("X-CloudTasks-TaskName", List.of("first", "second"));

        DeliveryHeaders delivery = DeliveryHeaders.read(message);

        assertThat(delivery.attempt()).isEqualTo(5);
        assertThat(delivery.taskName()).isEqualTo("first");
    }
}
