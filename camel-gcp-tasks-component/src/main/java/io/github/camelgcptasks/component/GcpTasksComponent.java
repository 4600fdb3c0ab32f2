package io.github.camelgcptasks.component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.cloud.tasks.v2.CloudTasksClient;
import io.github.camelgcptasks.component.client.ClientSettingsKey;
import io.github.camelgcptasks.component.client.CloudTasksClientFactory;
import org.apache.camel.Endpoint;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code gcp-tasks} component: creates endpoints and owns the Cloud Tasks clients they share.
 */
@Component("gcp-tasks")
public class GcpTasksComponent extends HealthCheckComponent {

    private static final Logger LOG = LoggerFactory.getLogger(GcpTasksComponent.class);

    @Metadata(description = "The options every endpoint of this component starts from.")
    private GcpTasksConfiguration configuration = new GcpTasksConfiguration();

    /** Clients this component built, one per distinct connection setting; closed when the component stops. */
    private final Map<ClientSettingsKey, CloudTasksClient> ownedClients = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        GcpTasksEndpoint endpoint = new GcpTasksEndpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /**
     * The client for an endpoint: the user's own client when one is configured, else a client this component builds
     * once per connection setting and shares.
     */
    public CloudTasksClient clientFor(GcpTasksConfiguration endpointConfiguration) {
        if (endpointConfiguration.getClient() != null) {
            return endpointConfiguration.getClient();
        }
        return ownedClients.computeIfAbsent(ClientSettingsKey.of(endpointConfiguration), key -> {
            try {
                LOG.debug("Creating Cloud Tasks client for {}", key);
                return CloudTasksClientFactory.create(getCamelContext(), key);
            } catch (Exception e) {
                throw new RuntimeCamelException("Cannot create a Cloud Tasks client: " + e.getMessage(), e);
            }
        });
    }

    @Override
    protected void doStop() throws Exception {
        for (CloudTasksClient client : ownedClients.values()) {
            client.close();
        }
        ownedClients.clear();
        super.doStop();
    }

    public GcpTasksConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(GcpTasksConfiguration configuration) {
        this.configuration = configuration;
    }
}
