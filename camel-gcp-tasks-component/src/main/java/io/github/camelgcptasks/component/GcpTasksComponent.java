package io.github.camelgcptasks.component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.cloud.tasks.v2.CloudTasksClient;
import io.github.camelgcptasks.component.client.ClientSettingsKey;
import io.github.camelgcptasks.component.client.CloudTasksClientFactory;
import io.github.camelgcptasks.component.consumer.PlatformHttpEarlyResolution;
import io.github.camelgcptasks.component.local.EmbeddedEmulator;
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

    @Metadata(label = "advanced", defaultValue = "false",
              description = "Local mode: start a Cloud Tasks emulator in this JVM (needs camel-gcp-tasks-emulator on the"
                            + " classpath) and point the component at it: endpoint and authenticate=false, projectId"
                            + " local-project and location local when unset, autoCreateQueue=true, the consumers' OIDC"
                            + " certificates and issuer, and, when neither targetUrl nor targetBaseUrl is set,"
                            + " targetBaseUrl http://localhost:PORT with PORT from local.server.port, server.port or"
                            + " camel.server.port (else 8080). The emulator stops with the component.")
    private boolean embeddedEmulator;

    private EmbeddedEmulator runningEmulator;

    /** Clients this component built, one per distinct connection setting; closed when the component stops. */
    private final Map<ClientSettingsKey, CloudTasksClient> ownedClients = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        startEmbeddedEmulatorIfEnabled();
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
    protected void doInit() throws Exception {
        super.doInit();
        // before the routes that consume from gcp-tasks are built, so they can prepare the HTTP server in time
        getCamelContext().addLifecycleStrategy(new PlatformHttpEarlyResolution(getCamelContext()));
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        startEmbeddedEmulatorIfEnabled();
    }

    /** Starts the local-mode emulator once, before the first endpoint copies the configuration it adjusts. */
    private synchronized void startEmbeddedEmulatorIfEnabled() throws Exception {
        if (embeddedEmulator && runningEmulator == null) {
            runningEmulator = EmbeddedEmulator.start(getCamelContext(), configuration);
        }
    }

    @Override
    protected void doStop() throws Exception {
        for (CloudTasksClient client : ownedClients.values()) {
            client.close();
        }
        ownedClients.clear();
        super.doStop();
    }

    @Override
    protected synchronized void doShutdown() throws Exception {
        // at shutdown rather than stop: endpoints keep the emulator's address across a stop and start
        if (runningEmulator != null) {
            runningEmulator.stop();
            runningEmulator = null;
        }
        super.doShutdown();
    }

    public GcpTasksConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(GcpTasksConfiguration configuration) {
        this.configuration = configuration;
    }

    public boolean isEmbeddedEmulator() {
        return embeddedEmulator;
    }

    public void setEmbeddedEmulator(boolean embeddedEmulator) {
        this.embeddedEmulator = embeddedEmulator;
    }

    /** The emulator local mode started, or null. */
    public EmbeddedEmulator getRunningEmulator() {
        return runningEmulator;
    }
}
