package io.github.camelgcptasks.component.health;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.camelgcptasks.component.consumer.GcpTasksConsumer;
import io.github.camelgcptasks.component.consumer.security.OidcKeysProbe;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Readiness of a {@code gcp-tasks} consumer, which Camel's consumer health check for its route (id
 * {@code consumer:ROUTE_ID}) reports. DOWN while the consumer cannot accept deliveries:
 * <ul>
 * <li>its platform-http consumer is not started, or platform-http does not list the consumer's path (nothing serves
 * the URL Cloud Tasks posts to);</li>
 * <li>with token verification on, the OIDC signing keys cannot be fetched from {@code oidcCertificatesLocation}, so
 * every delivery would be refused with 401.</li>
 * </ul>
 * A successful key fetch is trusted for {@link #KEYS_TRUSTED_SECONDS} seconds, so frequent probes do not fetch the
 * keys each time; a failed one is retried on the next call. Only given to the consumer when the component's
 * {@code healthCheckConsumerEnabled} option is true (the default).
 */
public class GcpTasksConsumerHealthCheck extends AbstractHealthCheck {

    /** How long a successful fetch of the OIDC keys counts as UP without fetching them again. */
    public static final long KEYS_TRUSTED_SECONDS = 60;

    private final GcpTasksConsumer consumer;
    private final OidcKeysProbe keysProbe;
    private volatile long keysFetchedAt;
    private volatile int keyCount;

    /**
     * @param keysProbe null when the consumer verifies no tokens
     */
    public GcpTasksConsumerHealthCheck(GcpTasksConsumer consumer, String routeId, OidcKeysProbe keysProbe) {
        super("camel", "consumer:gcp-tasks-" + routeId);
        this.consumer = consumer;
        this.keysProbe = keysProbe;
    }

    @Override
    public boolean isLiveness() {
        // missing keys or a path not served say nothing about whether this process must be restarted
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String path = consumer.getEndpoint().getConsumerPath();
        builder.detail("queue", consumer.getEndpoint().getQueueReference().queueId());
        builder.detail("path", path);
        String notServed = notServed(path);
        if (notServed != null) {
            builder.message(notServed);
            builder.down();
            return;
        }
        if (keysProbe != null) {
            builder.detail("oidc.certificates", keysProbe.getCertificatesLocation());
            try {
                builder.detail("oidc.keys", fetchKeyCount());
            } catch (Exception e) {
                builder.message("OIDC signing keys cannot be fetched from " + keysProbe.getCertificatesLocation()
                                + ", so every delivery is refused with 401: " + e.getMessage());
                builder.error(e);
                builder.down();
                return;
            }
        }
        builder.up();
    }

    private String notServed(String path) {
        Consumer delegate = consumer.getDelegate();
        if (delegate == null || !ServiceHelper.isStarted(delegate)) {
            return "Not serving POST " + path + ": its platform-http consumer is not started";
        }
        String served = delegate.getEndpoint() instanceof PlatformHttpEndpoint http ? http.getPath() : path;
        CamelContext context = consumer.getEndpoint().getCamelContext();
        PlatformHttpComponent platformHttp = (PlatformHttpComponent) context.hasComponent("platform-http");
        if (platformHttp != null
                && platformHttp.getHttpEndpoints().stream().noneMatch(model -> served.equals(model.getUri()))) {
            return "Not serving POST " + path + ": platform-http does not list this path";
        }
        return null;
    }

    private int fetchKeyCount() throws Exception {
        long now = System.nanoTime();
        if (keyCount > 0 && now - keysFetchedAt < TimeUnit.SECONDS.toNanos(KEYS_TRUSTED_SECONDS)) {
            return keyCount;
        }
        keyCount = 0;
        int count = keysProbe.fetchKeyCount();
        keysFetchedAt = now;
        keyCount = count;
        return count;
    }
}
