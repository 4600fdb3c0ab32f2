package io.github.camelgcptasks.component.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.camelgcptasks.component.consumer.DeliveryCounts;
import io.github.camelgcptasks.component.consumer.GcpTasksConsumer;
import org.apache.camel.Route;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonObject;

/**
 * The {@code gcp-tasks} dev console: for each {@code gcp-tasks} consumer, its queue, path and state, whether it
 * verifies OIDC tokens, and how many deliveries it answered by outcome (accepted, failed, dead-lettered, duplicate and
 * each refusal), as text or JSON, wherever Camel's dev consoles are shown (Camel JBang; Camel Main with
 * {@code camel.main.dev-console-enabled=true} and camel-console on the classpath). Found through the
 * {@code META-INF/services/org/apache/camel/dev-console/gcp-tasks} entry the build generates from {@link DevConsole}.
 */
@DevConsole(name = "gcp-tasks", displayName = "Google Cloud Tasks",
            description = "Deliveries gcp-tasks consumers answered, by outcome")
public class GcpTasksDevConsole extends AbstractDevConsole {

    public GcpTasksDevConsole() {
        super("camel", "gcp-tasks", "Google Cloud Tasks", "Deliveries gcp-tasks consumers answered, by outcome");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder text = new StringBuilder();
        for (GcpTasksConsumer consumer : consumers()) {
            DeliveryCounts counts = consumer.getCounts();
            text.append(String.format("Route %s: queue %s on POST %s (%s%s)%n", consumer.getRouteId(),
                    consumer.getEndpoint().getQueueReference().queueId(), consumer.getEndpoint().getConsumerPath(),
                    consumer.getStatus(), consumer.getAuthenticator().isPresent() ? ", verifies OIDC tokens" : ""));
            text.append(String.format("    total: %d%n", counts.total()));
            counts.snapshot().forEach((outcome, count) -> text.append(String.format("    %s: %d%n", outcome, count)));
        }
        return text.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        List<JsonObject> list = new ArrayList<>();
        for (GcpTasksConsumer consumer : consumers()) {
            JsonObject entry = new JsonObject();
            entry.put("routeId", consumer.getRouteId());
            entry.put("queue", consumer.getEndpoint().getQueueReference().queueName().toString());
            entry.put("path", consumer.getEndpoint().getConsumerPath());
            entry.put("state", consumer.getStatus().name());
            entry.put("verifiesTokens", consumer.getAuthenticator().isPresent());
            entry.put("total", consumer.getCounts().total());
            entry.put("deliveries", new JsonObject(consumer.getCounts().snapshot()));
            list.add(entry);
        }
        JsonObject root = new JsonObject();
        root.put("consumers", list);
        return root;
    }

    private List<GcpTasksConsumer> consumers() {
        List<GcpTasksConsumer> consumers = new ArrayList<>();
        for (Route route : getCamelContext().getRoutes()) {
            if (route.getConsumer() instanceof GcpTasksConsumer consumer) {
                consumers.add(consumer);
            }
        }
        return consumers;
    }
}
