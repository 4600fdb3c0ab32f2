package io.github.camelgcptasks.component.consumer;

import java.util.EventObject;

import org.apache.camel.spi.CamelEvent;

/**
 * Published to Camel's event notifiers for every delivery a {@code gcp-tasks} consumer answered without running the
 * route because it refused it (not for duplicates). An {@link org.apache.camel.spi.EventNotifier} sees it as a
 * {@link CamelEvent.Type#Custom} event whose source is the consumer.
 */
public final class GcpTasksDeliveryRefusedEvent extends EventObject implements CamelEvent {

    private static final long serialVersionUID = 1L;

    private final String routeId;
    private final String queueId;
    private final String taskName;
    private final DeliveryOutcome outcome;
    private final int status;
    private final String reason;
    private long timestamp;

    public GcpTasksDeliveryRefusedEvent(GcpTasksConsumer consumer, String taskName, DeliveryOutcome outcome,
                                        int status, String reason) {
        super(consumer);
        this.routeId = consumer.getRouteId();
        this.queueId = consumer.getEndpoint().getQueueReference().queueId();
        this.taskName = taskName;
        this.outcome = outcome;
        this.status = status;
        this.reason = reason;
    }

    @Override
    public Type getType() {
        return Type.Custom;
    }

    @Override
    public GcpTasksConsumer getSource() {
        return (GcpTasksConsumer) super.getSource();
    }

    @Override
    public long getTimestamp() {
        return timestamp;
    }

    @Override
    public void setTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    public String getRouteId() {
        return routeId;
    }

    public String getQueueId() {
        return queueId;
    }

    /** The task id the delivery named in X-CloudTasks-TaskName, or null when it named none. */
    public String getTaskName() {
        return taskName;
    }

    public DeliveryOutcome getOutcome() {
        return outcome;
    }

    /** The HTTP status the delivery was answered with. */
    public int getStatus() {
        return status;
    }

    /** The short reason the answer gave, for example "Missing header X-CloudTasks-TaskName". */
    public String getReason() {
        return reason;
    }

    @Override
    public String toString() {
        return "Refused delivery of task " + taskName + " to queue " + queueId + " with " + status + " ("
               + outcome.id() + "): " + reason;
    }
}
