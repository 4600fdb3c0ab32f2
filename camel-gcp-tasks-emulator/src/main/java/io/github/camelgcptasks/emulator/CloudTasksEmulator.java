package io.github.camelgcptasks.emulator;

import com.google.cloud.tasks.v2.Queue;
import io.github.camelgcptasks.emulator.console.ConsoleService;
import io.github.camelgcptasks.emulator.console.EmulatorInsights;
import io.github.camelgcptasks.emulator.dispatch.DispatchEngine;
import io.github.camelgcptasks.emulator.fault.Fault;
import io.github.camelgcptasks.emulator.fault.FaultInjector;
import io.github.camelgcptasks.emulator.grpc.CloudTasksService;
import io.github.camelgcptasks.emulator.grpc.LocationsService;
import io.github.camelgcptasks.emulator.oidc.OidcKeyServer;
import io.github.camelgcptasks.emulator.oidc.OidcKeys;
import io.github.camelgcptasks.emulator.queue.InitialQueues;
import io.github.camelgcptasks.emulator.queue.QueueRegistry;
import io.github.camelgcptasks.emulator.queue.TaskValidator;
import io.github.camelgcptasks.emulator.server.EmulatorServer;
import io.github.camelgcptasks.emulator.server.TransportThreads;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

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
    private FaultInjector faults;
    private TransportThreads transport;
    private DispatchEngine dispatch;
    private EmulatorServer server;
    private String issuer;
    private List<Queue> initialQueues = List.of();
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
     * @throws IllegalArgumentException when a configured queue is invalid; nothing is started then
     */
    public synchronized CloudTasksEmulator start() throws IOException {
        if (started) {
            throw new IllegalStateException("The emulator has been started already");
        }
        started = true;
        Clock clock = Clock.systemUTC();
        initialQueues = checkInitialQueues();
        try {
            keyServer = keyServer();
            keyServer.start();
            issuer = keyServer.issuer();
            transport = TransportThreads.start();
            dispatch = new DispatchEngine(keys, issuer, config.appEngineHost, config.rateLimits, clock, transport);
            QueueRegistry queues = new QueueRegistry(config.tombstoneTtl,
                    config.allowQueueNameReuse ? Duration.ZERO : QueueRegistry.QUEUE_NAME_REUSE_DELAY, clock, dispatch);
            initialQueues.forEach(queues::createAtStart);
            faults = new FaultInjector(config.faultSeed);
            config.faults.forEach(faults::add);
            EmulatorInsights insights = new EmulatorInsights(queues, clock);
            server = EmulatorServer.start(config.host, config.port, services(queues, clock), transport,
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
        return List.of(
                cloudTasksService(queues, clock),
                new LocationsService(queues, initialQueues.stream().map(Queue::getName).toList()).bindService());
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
        if (transport != null) {
            transport.close();
        }
        if (keyServer != null) {
            keyServer.stop();
        }
        if (faults != null) {
            faults.close();
        }
    }

    /**
     * The CloudTasks service with the fault injector around it; whatever serves the API (gRPC, REST) serves this
     * definition, so injected faults apply to every transport.
     */
    private ServerServiceDefinition cloudTasksService(QueueRegistry queues, Clock clock) {
        CloudTasksService service = new CloudTasksService(queues, dispatch,
                new TaskValidator(config.appEngineHost != null), clock, config.hardResetOnPurgeQueue);
        return ServerInterceptors.intercept(service, faults);
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
     * Adds a fault while the emulator runs, e.g. for one test; its calls are counted from now on.
     *
     * @see Fault
     */
    public CloudTasksEmulator injectFault(Fault fault) {
        requireStarted();
        faults.add(Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /** Adds a fault written as {@code RPC=ACTION[:SHARE]}, e.g. {@code CreateTask=UNAVAILABLE:1/3}. */
    public CloudTasksEmulator injectFault(String fault) {
        return injectFault(Fault.parse(fault));
    }

    /** Removes every fault, the ones given at start included. */
    public CloudTasksEmulator clearFaults() {
        requireStarted();
        faults.clear();
        return this;
    }

    /** The faults in force. */
    public List<Fault> faults() {
        requireStarted();
        return faults.faults();
    }

    /** The queues created at start, with their settings as GetQueue answered them then. */
    public List<Queue> initialQueues() {
        requireStarted();
        return initialQueues;
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

    /** The queues to create at start, all checked before anything is bound. */
    private List<Queue> checkInitialQueues() {
        InitialQueues initial = new InitialQueues();
        config.queues.forEach(step -> step.accept(initial));
        return initial.configs();
    }

    /**
     * The key server: on the port {@code oidcPort} names; without it, on the port of an {@code http://} issuer, so
     * that a verifier finds the keys from the issuer alone (as the Go emulator serves them); otherwise on a free port,
     * which the default issuer then names.
     */
    private OidcKeyServer keyServer() throws IOException {
        if (config.openIdIssuer == null) {
            // the default issuer names the key server's port, so a free port is chosen here rather than by the server
            int port = config.oidcPort != null && config.oidcPort != 0 ? config.oidcPort : freePort(config.host);
            return new OidcKeyServer(keys, config.host, port, "http://" + advertisedHost() + ":" + port);
        }
        int port = config.oidcPort != null ? config.oidcPort
                : OidcKeyServer.servesAt(config.openIdIssuer) ? OidcKeyServer.portOf(config.openIdIssuer) : 0;
        return new OidcKeyServer(keys, config.host, port, config.openIdIssuer);
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
        private Integer oidcPort;
        private final List<Consumer<InitialQueues>> queues = new ArrayList<>();
        private String openIdIssuer;
        private Duration tombstoneTtl = Duration.ofHours(1);
        private String appEngineHost;
        private boolean rateLimits = true;
        private boolean hardResetOnPurgeQueue;
        private final List<Fault> faults = new ArrayList<>();
        private long faultSeed;
        private boolean allowQueueNameReuse;
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

        /**
         * HTTP port of the JWKS, certificates and discovery documents; 0 for a free one. Default: the port of an
         * {@code http://} {@link #openIdIssuer(String) issuer}, else a free port.
         */
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
            Objects.requireNonNull(fullQueuePath, "fullQueuePath");
            return queue(Queue.newBuilder().setName(fullQueuePath).build());
        }

        /**
         * A queue to create at start with its own settings, as CreateQueue takes them ({@code rate_limits},
         * {@code retry_config}, ...; unset ones get the service's defaults). A {@code state} of PAUSED starts it
         * paused. Checked with CreateQueue's limits at {@link CloudTasksEmulator#start()}; repeatable.
         */
        public Builder queue(Queue queue) {
            Objects.requireNonNull(queue, "queue");
            queues.add(initial -> initial.add(queue, null));
            return this;
        }

        /**
         * A file of queues to create at start, as Queue resources in their REST JSON form: what
         * {@code gcloud tasks queues describe Q --format=json} prints, an array of such (what
         * {@code gcloud tasks queues list --format=json} prints) or {@code {"queues": [...]}}. Read at
         * {@link CloudTasksEmulator#start()}, which fails naming the queue and the field when one is wrong.
         */
        public Builder queuesFile(Path file) {
            Objects.requireNonNull(file, "file");
            queues.add(initial -> initial.addFile(file));
            return this;
        }

        /** Like {@link #queuesFile(Path)} with the JSON given as text, e.g. from an environment variable. */
        public Builder queuesJson(String json) {
            Objects.requireNonNull(json, "json");
            queues.add(initial -> initial.addJson(json, "queues JSON"));
            return this;
        }

        /**
         * The {@code iss} claim of ID tokens, default {@code http://host:oidcPort}. An {@code http://} issuer (no path)
         * also says where the key documents are served, unless {@link #oidcPort(int)} names another port: discovery,
         * {@code /jwks} and {@code /certs} answer on its port, and the discovery document's {@code jwks_uri} is built
         * from it. An {@code https://} issuer only names the tokens' issuer; the documents are served on a free port.
         */
        public Builder openIdIssuer(String issuerUrl) {
            this.openIdIssuer = OidcKeyServer.checkIssuer(Objects.requireNonNull(issuerUrl, "issuerUrl"));
            return this;
        }

        /**
         * Whether a deleted queue's name can be created again at once, default false: like the service, CreateQueue
         * then answers FAILED_PRECONDITION for 7 days. For test suites that delete and recreate the same queue.
         */
        public Builder allowQueueNameReuse(boolean allowed) {
            this.allowQueueNameReuse = allowed;
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
         * Whether PurgeQueue also forgets the queue's tombstones, so the names of purged, completed and deleted
         * tasks can be used again at once; default false, as the real service. Named after the Go emulator's
         * {@code -hard-reset-on-purge-queue}, for test suites that purge between tests and reuse task names.
         */
        public Builder hardResetOnPurgeQueue(boolean enabled) {
            this.hardResetOnPurgeQueue = enabled;
            return this;
        }

        /**
         * A fault to inject from the start: a share of the calls of one RPC answered with an error status, or
         * answered late; repeatable. See {@link Fault} for the forms, e.g. {@code CreateTask=UNAVAILABLE:0.2}.
         */
        public Builder fault(Fault fault) {
            faults.add(Objects.requireNonNull(fault, "fault"));
            return this;
        }

        /** A fault written as {@code RPC=ACTION[:SHARE]}; see {@link Fault#parse(String)}. */
        public Builder fault(String fault) {
            return fault(Fault.parse(fault));
        }

        /** Seed of the pseudo-random shares of faults ({@code 0.2}, {@code 20%}), default 0. */
        public Builder faultSeed(long seed) {
            this.faultSeed = seed;
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
            copy.hardResetOnPurgeQueue = hardResetOnPurgeQueue;
            copy.faults.addAll(faults);
            copy.faultSeed = faultSeed;
            copy.allowQueueNameReuse = allowQueueNameReuse;
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
