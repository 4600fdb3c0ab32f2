package io.github.camelgcptasks.component.consumer;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many deliveries one consumer answered, by {@link DeliveryOutcome}, since it was created. Read by the metrics
 * binder and the dev console; cheap to update from many request threads at once.
 */
public final class DeliveryCounts {

    private final Map<DeliveryOutcome, LongAdder> counts = new EnumMap<>(DeliveryOutcome.class);

    public DeliveryCounts() {
        for (DeliveryOutcome outcome : DeliveryOutcome.values()) {
            counts.put(outcome, new LongAdder());
        }
    }

    void record(DeliveryOutcome outcome) {
        counts.get(outcome).increment();
    }

    public long get(DeliveryOutcome outcome) {
        return counts.get(outcome).sum();
    }

    /** Every outcome's count by its {@link DeliveryOutcome#id() id}, zeros included, in declaration order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        counts.forEach((outcome, count) -> snapshot.put(outcome.id(), count.sum()));
        return snapshot;
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
