package io.github.camelgcptasks.component.telemetry;

import io.github.camelgcptasks.component.GcpTasksComponent;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.component.GcpTasksEndpoint;
import io.github.camelgcptasks.component.GcpTasksOperation;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.TagConstants;
import org.apache.camel.telemetry.decorators.AbstractMessagingSpanDecorator;

/**
 * The {@code messaging.*} attributes of spans camel-telemetry (camel-opentelemetry2, camel-micrometer-observability,
 * ...) records for {@code gcp-tasks} endpoints. camel-telemetry finds it through {@code META-INF/services}; without
 * camel-telemetry on the classpath it is never loaded.
 * <ul>
 * <li>{@code messaging.system}: {@value #MESSAGING_SYSTEM};</li>
 * <li>{@code messaging.destination.name}: the full queue name;</li>
 * <li>{@code messaging.operation.name}: the producer's operation, or {@code process} for a delivery;</li>
 * <li>{@code messaging.message.id}: the task id (a delivery's, or the task a producer created, got or ran);</li>
 * <li>on deliveries, {@code messaging.gcp_cloud_tasks.task.retry_count}: the attempts before this one.</li>
 * </ul>
 */
public class GcpTasksSpanDecorator extends AbstractMessagingSpanDecorator {

    public static final String MESSAGING_SYSTEM = "gcp_cloud_tasks";
    static final String SYSTEM = "messaging.system";
    static final String OPERATION = "messaging.operation.name";
    static final String RETRY_COUNT = "messaging.gcp_cloud_tasks.task.retry_count";

    @Override
    public String getComponent() {
        return "gcp-tasks";
    }

    @Override
    public String getComponentClassName() {
        return GcpTasksComponent.class.getName();
    }

    @Override
    public void beforeTracingEvent(Span span, Exchange exchange, Endpoint endpoint) {
        super.beforeTracingEvent(span, exchange, endpoint);
        span.setTag(SYSTEM, MESSAGING_SYSTEM);
        if (isDelivery(exchange, endpoint)) {
            span.setTag(OPERATION, "process");
            Integer retryCount = exchange.getMessage().getHeader(GcpTasksConstants.RETRY_COUNT, Integer.class);
            if (retryCount != null) {
                span.setTag(RETRY_COUNT, retryCount.toString());
            }
        } else {
            span.setTag(OPERATION, operation(exchange, endpoint));
        }
    }

    @Override
    public void afterTracingEvent(Span span, Exchange exchange) {
        super.afterTracingEvent(span, exchange);
        // createTask names its task only once Cloud Tasks answered
        String taskId = taskId(exchange);
        if (taskId != null) {
            span.setTag(TagConstants.MESSAGE_ID, taskId);
        }
    }

    @Override
    protected String getDestination(Exchange exchange, Endpoint endpoint) {
        if (endpoint instanceof GcpTasksEndpoint tasks) {
            try {
                return tasks.getQueueReference().queueName().toString();
            } catch (RuntimeException e) {
                // an endpoint whose queue does not resolve still gets a span
            }
        }
        return super.getDestination(exchange, endpoint);
    }

    @Override
    protected String getMessageId(Exchange exchange) {
        return taskId(exchange);
    }

    private static boolean isDelivery(Exchange exchange, Endpoint endpoint) {
        return exchange.getFromEndpoint() == endpoint;
    }

    private static String operation(Exchange exchange, Endpoint endpoint) {
        Object header = exchange.getMessage().getHeader(GcpTasksConstants.OPERATION);
        if (header != null) {
            return header.toString();
        }
        if (endpoint instanceof GcpTasksEndpoint tasks) {
            return tasks.getConfiguration().getOperation().name();
        }
        return GcpTasksOperation.createTask.name();
    }

    /** The task id of the TaskName header: a delivery's id as is, the last segment of a full task name. */
    private static String taskId(Exchange exchange) {
        String name = exchange.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class);
        if (name == null || name.isBlank()) {
            return null;
        }
        int slash = name.lastIndexOf('/');
        return slash >= 0 ? name.substring(slash + 1) : name;
    }
}
