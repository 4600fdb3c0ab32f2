package io.github.camelgcptasks.component.health;

import java.util.Map;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.QueueName;
import io.github.camelgcptasks.component.GcpTasksEndpoint;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of a {@code gcp-tasks} producer: UP when its queue answers a GetQueue call, DOWN (with the gRPC status)
 * when the queue is missing, access is denied or the service cannot be reached. A paused queue is UP, since it still
 * accepts tasks; its state is in the details.
 * <p>
 * Registered in Camel's {@code producers} health check repository when the producer starts, if health checks are
 * enabled, and enabled by the component's {@code healthCheckProducerEnabled} option (as in Camel's cloud components).
 * Its id is {@code producer:gcp-tasks-} followed by the endpoint's id.
 */
public class GcpTasksProducerHealthCheck extends AbstractHealthCheck {

    private final CloudTasksClient client;
    private final QueueName queueName;

    public GcpTasksProducerHealthCheck(GcpTasksEndpoint endpoint, CloudTasksClient client, QueueName queueName) {
        super("camel", "producer:gcp-tasks-" + endpoint.getId());
        this.client = client;
        this.queueName = queueName;
    }

    @Override
    public boolean isLiveness() {
        // an unreachable queue says nothing about whether this process must be restarted
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("queue", queueName.toString());
        try {
            Queue queue = client.getQueue(queueName);
            builder.detail("state", queue.getState().name());
            builder.up();
        } catch (ApiException e) {
            builder.detail(SERVICE_ERROR_CODE, e.getStatusCode().getCode().name());
            builder.message("Cloud Tasks queue " + queueName + " is not reachable: " + e.getStatusCode().getCode());
            builder.error(e);
            builder.down();
        } catch (RuntimeException e) {
            builder.message("Cloud Tasks queue " + queueName + " is not reachable: " + e.getMessage());
            builder.error(e);
            builder.down();
        }
    }
}
