package io.github.camelgcptasks.component.consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ManagementStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records how a consumer answered each delivery: counts it by outcome and, for a refusal, logs one DEBUG line with the
 * task name and reason and publishes a {@link GcpTasksDeliveryRefusedEvent} when event notifiers are listening. The
 * WARN lines some refusals also get stay where they are, throttled.
 */
final class DeliveryRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRecorder.class);

    private final GcpTasksConsumer consumer;
    private final DeliveryCounts counts;

    DeliveryRecorder(GcpTasksConsumer consumer, DeliveryCounts counts) {
        this.consumer = consumer;
        this.counts = counts;
    }

    void record(DeliveryOutcome outcome) {
        counts.record(outcome);
    }

    void refused(String taskName, DeliveryOutcome outcome, int status, String reason) {
        counts.record(outcome);
        String task = printable(taskName);
        LOG.debug("Refused delivery of task {} to queue {} with {} ({}): {}", task,
                  consumer.getEndpoint().getQueueReference().queueId(), status, outcome.id(), reason);
        CamelContext context = consumer.getEndpoint().getCamelContext();
        ManagementStrategy management = context.getManagementStrategy();
        if (management != null && !management.getEventNotifiers().isEmpty()) {
            try {
                management.notify(new GcpTasksDeliveryRefusedEvent(consumer, task, outcome, status, reason));
            } catch (Exception e) {
                LOG.debug("An event notifier failed on a refused delivery", e);
            }
        }
    }

    /** A task name as the caller sent it, cut and without control characters, fit for one log line or event. */
    private static String printable(String text) {
        if (text == null) {
            return null;
        }
        String cut = text.length() > 500 ? text.substring(0, 500) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
