package io.github.camelgcptasks.emulator;

import io.github.camelgcptasks.emulator.console.ConsoleService;
import io.github.camelgcptasks.emulator.console.EmulatorInsights;
import io.github.camelgcptasks.emulator.dispatch.DispatchEngine;
import io.github.camelgcptasks.emulator.grpc.CloudTasksService;
import io.github.camelgcptasks.emulator.grpc.LocationsService;
import io.github.camelgcptasks.emulator.oidc.OidcKeyServer;
import io.github.camelgcptasks.emulator.oidc.OidcKeys;
import io.github.camelgcptasks.emulator.queue.QueueRegistry;
import io.github.camelgcptasks.emulator.queue.TaskValidator;
import io.github.camelgcptasks.emulator.server.EmulatorServer;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A local Google Cloud Tasks: serves the {@code google.cloud.tasks.v2.CloudTasks} API over plaintext gRPC and, on the
 * same port, as REST/JSON at the real service's {@code /v2/...} paths, so any Cloud Tasks client library, gcloud and
 * curl work against {@link #grpcEndpoint()} / {@link #restUrl()}; and dispatches tasks to their HTTP targets with
 * Cloud Tasks' headers, retries, rate limits and OIDC tokens.
 *
 * <p>All state (queues, tasks, tombstones) lives in memory and is lost when the emulator stops.
 *
 * <pre>{@code
 * try (CloudTasksEmulator emulator = CloudTasksEmulator.builder()
 *         .port(0)
 *         .queue("projects/my-project/locations/europe-west1/queues/orders")
 *         .build().start()) {
 *     String endpoint = emulator.grpcEndpoint(); // e.g. 127.0.0.1:41234, use with plaintext and no credentials
 * }
 * }</pre>
 */
public final class CloudTasksEmulator implements AutoCloseable {

    /** The gRPC port the emulator listens on unless told otherwise, as the Go emulator. */
    public static final int DEFAULT_PORT = 8123;

    private final Builder config;
    private final OidcKeys keys = new OidcKeys();
    private OidcKeyServer keyServer;
    private DispatchEngine dispatch;
    private EmulatorServer server;
    private String issuer;
    private boolean started;
    private boolean stopped;

    private CloudTasksEmulator(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the OIDC key server and the gRPC/REST server and creates the configured queues.
     *
     * @return this emulator
     * @throws IOException when a port cannot be bound
     */
    public synchronized CloudTasksEmulator start() throws IOException {
        if (started) {
            throw new IllegalStateException("The emulator has been started already");
        }
        started = true;
        Clock clock = Clock.systemUTC();
        try {
            // the default issuer names the key server's port, so a free port is chosen here rather than by the server
            int oidcPort = config.oidcPort == 0 && config.openIdIssuer == null ? freePort(config.host) : config.oidcPort;
            issuer = config.openIdIssuer != null ? config.openIdIssuer : "http://" + advertisedHost() + ":" + oidcPort;
            keyServer = new OidcKeyServer(keys, config.host, oidcPort, issuer);
            keyServer.start();
            dispatch = new DispatchEngine(keys, issuer, config.appEngineHost, config.rateLimits, clock);
            QueueRegistry queues = new QueueRegistry(config.tombstoneTtl, clock, dispatch);
            for (String queue : config.queues) {
                queues.ensure(queue);
            }
            EmulatorInsights insights = new EmulatorInsights(queues, clock);
            server = EmulatorServer.start(config.host, config.port, services(queues, clock),
                    rest -> new ConsoleService(rest, insights, config.consoleEnabled()));
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
        return this;
    }

    /**
     * The services clients reach, over gRPC and REST alike: the one place they are built, so an interceptor added
     * here applies to both protocols.
     */
    private List<ServerServiceDefinition> services(QueueRegistry queues, Clock clock) {
        CloudTasksService cloudTasks = new CloudTasksService(queues, dispatch,
                new TaskValidator(config.appEngineHost != null), clock);
        return List.of(
                ServerInterceptors.intercept(cloudTasks),
                new LocationsService(queues, config.queues).bindService());
    }

    /** Stops serving and dispatching; idempotent. */
    public synchronized void stop() {
        if (stopped || !started) {
            stopped = started;
            return;
        }
        stopped = true;
        if (server != null) {
            server.close();
        }
        if (dispatch != null) {
            dispatch.close();
        }
        if (keyServer != null) {
            keyServer.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** {@code host:port} of the gRPC service, for a client with plaintext and no credentials. */
    public String grpcEndpoint() {
        return advertisedHost() + ":" + grpcPort();
    }

    /**
     * Base URL of the REST API, {@code http://host:port} on the gRPC port: the {@code api_endpoint_overrides/cloudtasks}
     * of gcloud, or the endpoint of a REST transport.
     */
    public String restUrl() {
        return "http://" + grpcEndpoint();
    }

    /** The host clients are told to use: the bound address, or localhost when bound to every interface. */
    private String advertisedHost() {
        String host = config.host;
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "localhost";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    public int grpcPort() {
        requireStarted();
        return server.port();
    }

    /**
     * URL of the web console, {@code http://host:port/} on the gRPC port.
     *
     * @throws IllegalStateException when the emulator was built with {@code console(false)}
     */
    public String consoleUrl() {
        requireStarted();
        if (!config.consoleEnabled()) {
            throw new IllegalStateException("The web console is off: build the emulator with console(true)");
        }
        return "http://" + advertisedHost() + ":" + grpcPort() + "/";
    }

    /** URL of the JWKS document with the key that signs delivery tokens (TokenVerifier's certificates location). */
    public String jwksUrl() {
        requireStarted();
        return keyServer.jwksUrl();
    }

    /** URL of a {@code {kid: PEM certificate}} document, like Google's v1 certificates endpoint. */
    public String pemCertificatesUrl() {
        requireStarted();
        return keyServer.pemCertificatesUrl();
    }

    /** The {@code iss} claim of delivery tokens. */
    public String openIdIssuer() {
        requireStarted();
        return issuer;
    }

    /** URL of the OpenID discovery document ({@code .../.well-known/openid-configuration}). */
    public String openIdConfigurationUrl() {
        requireStarted();
        return keyServer.openIdConfigurationUrl();
    }

    /**
     * Signs an ID token with the key deliveries use, for tests of consumers (expired tokens, other audiences).
     */
    public String issueIdToken(String audience, String email, Instant issuedAt, Instant expiresAt) {
        return keys.signIdToken(openIdIssuer(), audience, email, issuedAt, expiresAt);
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("The emulator is not started");
        }
    }

    /** Configuration of a {@link CloudTasksEmulator}. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private boolean portSet;
        private int oidcPort;
        private final List<String> queues = new ArrayList<>();
        private String openIdIssuer;
        private Duration tombstoneTtl = Duration.ofHours(1);
        private String appEngineHost;
        private boolean rateLimits = true;
        private Boolean console;

        private Builder() {
        }

        /** Address to bind, default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** gRPC port, default {@value CloudTasksEmulator#DEFAULT_PORT}; 0 picks a free port. */
        public Builder port(int port) {
            this.port = checkPort(port);
            this.portSet = true;
            return this;
        }

        /** Whether {@link #port(int)} was called; the JUnit extension picks a free port otherwise. */
        public boolean hasExplicitPort() {
            return portSet;
        }

        /** HTTP port of the JWKS, certificates and discovery documents, default 0 (a free port). */
        public Builder oidcPort(int port) {
            this.oidcPort = checkPort(port);
            return this;
        }

        /**
         * A queue to create at start with Cloud Tasks' defaults; repeatable.
         *
         * @param fullQueuePath {@code projects/P/locations/L/queues/Q}
         */
        public Builder queue(String fullQueuePath) {
            queues.add(Objects.requireNonNull(fullQueuePath, "fullQueuePath"));
            return this;
        }

        /** The {@code iss} claim of ID tokens, default {@code http://host:oidcPort}. */
        public Builder openIdIssuer(String issuerUrl) {
            this.openIdIssuer = Objects.requireNonNull(issuerUrl, "issuerUrl");
            return this;
        }

        /** How long a completed or deleted task's name stays reserved, default 1 hour. */
        public Builder tombstoneTtl(Duration ttl) {
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("tombstoneTtl must not be negative: " + ttl);
            }
            this.tombstoneTtl = ttl;
            return this;
        }

        /**
         * Base URL (e.g. {@code http://localhost:8080}) App Engine tasks are delivered to, followed by their
         * {@code relative_uri}. Without it CreateTask refuses App Engine tasks with FAILED_PRECONDITION.
         */
        public Builder appEngineHost(String baseUrl) {
            this.appEngineHost = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /**
         * Whether {@code max_dispatches_per_second} is enforced, default true. False lifts it (for benchmarks);
         * {@code max_concurrent_dispatches} still holds.
         */
        public Builder rateLimits(boolean enforced) {
            this.rateLimits = enforced;
            return this;
        }

        /**
         * Whether the web console is served at {@code /} of the gRPC port, default true; the JUnit extension turns
         * it off unless this was called.
         */
        public Builder console(boolean served) {
            this.console = served;
            return this;
        }

        /** Whether {@link #console(boolean)} was called. */
        public boolean hasExplicitConsole() {
            return console != null;
        }

        boolean consoleEnabled() {
            return console == null || console;
        }

        public CloudTasksEmulator build() {
            Builder copy = new Builder();
            copy.host = host;
            copy.port = port;
            copy.portSet = portSet;
            copy.oidcPort = oidcPort;
            copy.queues.addAll(queues);
            copy.openIdIssuer = openIdIssuer;
            copy.tombstoneTtl = tombstoneTtl;
            copy.appEngineHost = appEngineHost;
            copy.rateLimits = rateLimits;
            copy.console = console;
            return new CloudTasksEmulator(copy);
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
            }
            return port;
        }
    }
}
