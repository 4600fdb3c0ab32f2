package io.github.camelgcptasks.component.metrics;

import io.github.camelgcptasks.component.consumer.GcpTasksConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a consumer's delivery counts as Micrometer meters when the application has Micrometer: a
 * {@code MeterRegistry} in the Camel registry, as camel-micrometer, Camel Main's metrics or Spring Boot's actuator put
 * there. Without Micrometer on the classpath nothing of it is loaded, so Micrometer stays an optional dependency.
 * <p>
 * One counter {@value #DELIVERIES} per outcome, tagged {@code camelContext}, {@code routeId}, {@code queue} and
 * {@code outcome} (see {@link io.github.camelgcptasks.component.consumer.DeliveryOutcome#id()}).
 */
public final class GcpTasksConsumerMeters {

    /** The meter name; Prometheus shows it as {@code camel_gcp_tasks_deliveries_total}. */
    public static final String DELIVERIES = "camel.gcp.tasks.deliveries";

    /** The registry name camel-micrometer uses, looked up first. */
    static final String REGISTRY_NAME = "metricsRegistry";

    private static final Logger LOG = LoggerFactory.getLogger(GcpTasksConsumerMeters.class);
    private static final boolean MICROMETER_PRESENT = isPresent("io.micrometer.core.instrument.MeterRegistry");

    private GcpTasksConsumerMeters() {
    }

    /**
     * Registers the consumer's meters in the application's registry.
     *
     * @return what removes them again, or null when there is no Micrometer registry
     */
    public static AutoCloseable bindIfPresent(GcpTasksConsumer consumer) {
        if (!MICROMETER_PRESENT) {
            return null;
        }
        AutoCloseable meters = MicrometerDeliveryMeters.bind(consumer);
        if (meters == null) {
            LOG.debug("No Micrometer MeterRegistry in the registry: the consumer of {} publishes no meters",
                      consumer.getEndpoint().getConsumerPath());
        }
        return meters;
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, GcpTasksConsumerMeters.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
