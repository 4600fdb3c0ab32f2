package io.github.camelgcptasks.component.local;

import java.util.List;
import java.util.Optional;

import io.github.camelgcptasks.component.GcpTasksConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode: a Cloud Tasks emulator started in the application's own JVM, with the component pointed at it, so an
 * application runs its whole task loop (create, dispatch, retry, complete) with no Google account.
 * <p>
 * When started it
 * <ul>
 * <li>starts {@code CloudTasksEmulator} (from {@code camel-gcp-tasks-emulator}, an optional dependency) on free
 * ports of {@code localhost};</li>
 * <li>sets {@code endpoint} to its gRPC address and {@code authenticate} to false;</li>
 * <li>sets {@code projectId} to {@value #DEFAULT_PROJECT_ID} and {@code location} to {@value #DEFAULT_LOCATION} when
 * unset, and {@code autoCreateQueue} to true, so producers create their queue (with Cloud Tasks' default retry
 * configuration: first retry after 0.1 s);</li>
 * <li>points the consumers' OIDC verification at the emulator: {@code oidcCertificatesLocation} (when left at
 * Google's) and {@code oidcIssuer} (when unset);</li>
 * <li>sets {@code targetBaseUrl}, when neither it nor {@code targetUrl} is set, to the application's own HTTP server:
 * {@code http://localhost:PORT}, PORT being the first property that is set of {@code local.server.port} (the port
 * Spring Boot actually bound), {@code server.port} (Spring Boot), {@code camel.server.port} (Camel Main), else
 * {@value #DEFAULT_HTTP_PORT}.</li>
 * </ul>
 * Options the user set explicitly are kept, except {@code endpoint}, which must be unset.
 */
public final class EmbeddedEmulator {

    public static final String DEFAULT_PROJECT_ID = "local-project";
    public static final String DEFAULT_LOCATION = "local";
    public static final int DEFAULT_HTTP_PORT = 8080;

    /** The properties that may tell the port of the application's HTTP server, most precise first. */
    static final List<String> PORT_PROPERTIES = List.of("local.server.port", "server.port", "camel.server.port");

    static final String EMULATOR_CLASS = "io.github.camelgcptasks.emulator.CloudTasksEmulator";
    static final String GOOGLE_CERTIFICATES = "https://www.googleapis.com/oauth2/v3/certs";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEmulator.class);

    private final EmulatorProcess emulator;

    private EmbeddedEmulator(EmulatorProcess emulator) {
        this.emulator = emulator;
    }

    /**
     * Starts an emulator and points {@code configuration} at it.
     *
     * @throws IllegalStateException when the emulator is not on the classpath, or {@code endpoint} is set as well
     */
    public static EmbeddedEmulator start(CamelContext camelContext, GcpTasksConfiguration configuration)
            throws Exception {
        requireOnClasspath(EMULATOR_CLASS, camelContext.getApplicationContextClassLoader());
        if (notBlank(configuration.getEndpoint())) {
            throw new IllegalStateException("embeddedEmulator=true starts its own emulator, but endpoint is also set (to "
                                            + configuration.getEndpoint() + "): unset one of them");
        }
        EmulatorProcess emulator = EmulatorProcess.start("localhost");
        try {
            apply(configuration, emulator.grpcEndpoint(), emulator.jwksUrl(), emulator.openIdIssuer(),
                    httpPort(camelContext));
        } catch (RuntimeException e) {
            emulator.stop();
            throw e;
        }
        if (configuration.getClient() != null) {
            LOG.warn("embeddedEmulator=true, but a CloudTasksClient is configured: endpoints use that client, not the"
                     + " embedded emulator");
        }
        LOG.info("Local mode: Cloud Tasks emulator at {} (gRPC and REST), web console at {}; queues in"
                 + " projects/{}/locations/{} are created as needed; tasks go to {}", emulator.grpcEndpoint(),
                emulator.consoleUrl(), configuration.getProjectId(),
                configuration.getLocation(),
                notBlank(configuration.getTargetUrl()) ? configuration.getTargetUrl() : configuration.getTargetBaseUrl());
        return new EmbeddedEmulator(emulator);
    }

    /** Points {@code c} at an emulator, keeping what the user set. */
    static void apply(GcpTasksConfiguration c, String grpcEndpoint, String jwksUrl, String issuer, int httpPort) {
        c.setEndpoint(grpcEndpoint);
        c.setAuthenticate(false);
        c.setAutoCreateQueue(true);
        if (!notBlank(c.getProjectId())) {
            c.setProjectId(DEFAULT_PROJECT_ID);
        }
        if (!notBlank(c.getLocation())) {
            c.setLocation(DEFAULT_LOCATION);
        }
        if (!notBlank(c.getOidcCertificatesLocation()) || GOOGLE_CERTIFICATES.equals(c.getOidcCertificatesLocation())) {
            c.setOidcCertificatesLocation(jwksUrl);
        }
        if (!notBlank(c.getOidcIssuer())) {
            c.setOidcIssuer(issuer);
        }
        if (!notBlank(c.getTargetUrl()) && !notBlank(c.getTargetBaseUrl())) {
            c.setTargetBaseUrl("http://localhost:" + httpPort);
        }
    }

    /** The port of the application's own HTTP server, from the first of {@link #PORT_PROPERTIES} that is set. */
    static int httpPort(CamelContext camelContext) {
        PropertiesComponent properties = camelContext.getPropertiesComponent();
        String randomPortKey = null;
        for (String key : PORT_PROPERTIES) {
            Optional<String> value = properties.resolveProperty(key);
            if (value.isPresent() && notBlank(value.get())) {
                int port;
                try {
                    port = Integer.parseInt(value.get().trim());
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("Property " + key + " is not a port number: " + value.get(), e);
                }
                // 0 asks for a random port; only local.server.port tells which one was bound
                if (port > 0) {
                    return port;
                }
                randomPortKey = key;
            }
        }
        if (randomPortKey != null) {
            LOG.warn("embeddedEmulator=true: {}=0 picks a random port that is not known yet, so tasks are sent to port {};"
                     + " set targetBaseUrl to the app's address to deliver them elsewhere", randomPortKey,
                    DEFAULT_HTTP_PORT);
        }
        return DEFAULT_HTTP_PORT;
    }

    static void requireOnClasspath(String className, ClassLoader classLoader) {
        try {
            Class.forName(className, false, classLoader != null ? classLoader : EmbeddedEmulator.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("embeddedEmulator=true needs the Cloud Tasks emulator on the classpath: add"
                                            + " the dependency io.github.camelgcptasks:camel-gcp-tasks-emulator (class "
                                            + className + " not found)", e);
        }
    }

    public String grpcEndpoint() {
        return emulator.grpcEndpoint();
    }

    /** The emulator's web console, {@code http://localhost:PORT/}. */
    public String consoleUrl() {
        return emulator.consoleUrl();
    }

    public String jwksUrl() {
        return emulator.jwksUrl();
    }

    public String openIdIssuer() {
        return emulator.openIdIssuer();
    }

    public void stop() {
        emulator.stop();
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
