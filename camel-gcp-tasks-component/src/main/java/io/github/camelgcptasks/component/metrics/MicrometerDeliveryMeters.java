package io.github.camelgcptasks.component.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.camelgcptasks.component.consumer.DeliveryCounts;
import io.github.camelgcptasks.component.consumer.DeliveryOutcome;
import io.github.camelgcptasks.component.consumer.GcpTasksConsumer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.spi.Registry;

/** The Micrometer side of {@link GcpTasksConsumerMeters}; loaded only when Micrometer is on the classpath. */
final class MicrometerDeliveryMeters implements AutoCloseable {

    private final MeterRegistry registry;
    private final List<Meter> meters;

    private MicrometerDeliveryMeters(MeterRegistry registry, List<Meter> meters) {
        this.registry = registry;
        this.meters = meters;
    }

    static AutoCloseable bind(GcpTasksConsumer consumer) {
        MeterRegistry registry = find(consumer.getEndpoint().getCamelContext().getRegistry());
        if (registry == null) {
            return null;
        }
        DeliveryCounts counts = consumer.getCounts();
        List<Meter> meters = new ArrayList<>();
        for (DeliveryOutcome outcome : DeliveryOutcome.values()) {
            meters.add(FunctionCounter.builder(GcpTasksConsumerMeters.DELIVERIES, counts, c -> c.get(outcome))
                    .description("Cloud Tasks deliveries a gcp-tasks consumer answered, by outcome")
                    .baseUnit("deliveries")
                    .tag("camelContext", consumer.getEndpoint().getCamelContext().getName())
                    .tag("routeId", String.valueOf(consumer.getRouteId()))
                    .tag("queue", consumer.getEndpoint().getQueueReference().queueId())
                    .tag("outcome", outcome.id())
                    .register(registry));
        }
        return new MicrometerDeliveryMeters(registry, meters);
    }

    /** As camel-micrometer finds its registry: by name, else the only composite registry, else the only registry. */
    private static MeterRegistry find(Registry camelRegistry) {
        MeterRegistry named = camelRegistry.lookupByNameAndType(GcpTasksConsumerMeters.REGISTRY_NAME, MeterRegistry.class);
        if (named != null) {
            return named;
        }
        Set<CompositeMeterRegistry> composites = camelRegistry.findByType(CompositeMeterRegistry.class);
        if (composites.size() == 1) {
            return composites.iterator().next();
        }
        Set<MeterRegistry> registries = camelRegistry.findByType(MeterRegistry.class);
        return registries.size() == 1 ? registries.iterator().next() : null;
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
