package io.github.camelgcptasks.emulator.server;

import com.google.api.HttpRule;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.grpc.GrpcService;
import com.linecorp.armeria.server.grpc.GrpcServiceBuilder;
import io.github.camelgcptasks.emulator.rest.RestTranscoder;
import io.grpc.ManagedChannel;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's one listening port, as the real service has one address for both protocols: gRPC (HTTP/2) for the
 * client libraries and REST/JSON (HTTP/1.1 or HTTP/2) at the {@code /v2/...} paths for gcloud, curl and the REST
 * transports. REST calls reach the same service definitions, interceptors included, through an in-process channel.
 */
public final class EmulatorServer implements AutoCloseable {

    /** Largest gRPC message and REST body accepted: room for a 1 MB task, as base64 JSON too. */
    public static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;

    /**
     * HTTP rules of the Locations mixin as Cloud Tasks' service configuration sets them: {@code locations.proto}
     * itself names {@code /v1} paths.
     */
    private static final Map<String, HttpRule> CLOUD_TASKS_MIXIN_RULES = Map.of(
            "google.cloud.location.Locations/ListLocations",
            HttpRule.newBuilder().setGet("/v2/{name=projects/*}/locations").build(),
            "google.cloud.location.Locations/GetLocation",
            HttpRule.newBuilder().setGet("/v2/{name=projects/*/locations/*}").build());

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorServer.class);

    private final Server server;
    private final io.grpc.Server inProcess;
    private final ManagedChannel channel;

    private EmulatorServer(Server server, io.grpc.Server inProcess, ManagedChannel channel) {
        this.server = server;
        this.inProcess = inProcess;
        this.channel = channel;
    }

    /**
     * Binds {@code host:port} (0 for a free port) and serves {@code services} there over gRPC and REST.
     *
     * @param moreRoutes adds routes of its own (the web console), which take precedence over REST's catch-all
     * @throws IOException when the port cannot be bound
     */
    public static EmulatorServer start(String host, int port, List<ServerServiceDefinition> services,
                                       Consumer<ServerBuilder> moreRoutes) throws IOException {
        String name = "cloud-tasks-emulator-" + UUID.randomUUID();
        io.grpc.Server inProcess = InProcessServerBuilder.forName(name)
                .directExecutor()
                .addServices(services)
                .build()
                .start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        GrpcServiceBuilder grpc = GrpcService.builder()
                .maxRequestMessageLength(MAX_REQUEST_BYTES)
                // handlers never block, so they run on the transport threads without a hand-off
                .useBlockingTaskExecutor(false);
        services.forEach(grpc::addService);
        ServerBuilder builder = Server.builder()
                .http(new InetSocketAddress(host, port))
                // as grpc-java's defaults: no server-side deadline, idle connections stay open, prompt stop
                .requestTimeoutMillis(0)
                .idleTimeoutMillis(0)
                .gracefulShutdownTimeoutMillis(0, 0)
                .maxRequestLength(MAX_REQUEST_BYTES)
                .service(grpc.build());
        moreRoutes.accept(builder);
        builder.route().pathPrefix("/")
                // the transcoder enforces the limit itself, to answer 400 in Google's error shape rather than 413
                .maxRequestLength(0)
                .build(new RestTranscoder(services, CLOUD_TASKS_MIXIN_RULES, channel, MAX_REQUEST_BYTES));
        Server server = builder.build();
        try {
            server.start().join();
        } catch (CompletionException e) {
            channel.shutdownNow();
            inProcess.shutdownNow();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw cause instanceof IOException io ? io
                    : new IOException("Cannot listen on " + host + ":" + port + ": " + cause.getMessage(), cause);
        }
        return new EmulatorServer(server, inProcess, channel);
    }

    /** The port it listens on. */
    public int port() {
        return server.activeLocalPort();
    }

    /**
     * Stops listening, waiting at most 5 seconds for the port to be released, as grpc-java's server was waited for.
     * Armeria's stop completes only once its acceptor threads have been idle for Netty's 2 s quiet period, which
     * every test class using the JUnit extension would pay; those threads finish on their own once the port is closed.
     */
    @Override
    public void close() {
        CompletableFuture<Void> stopped = server.stop();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            while (!stopped.isDone() && !server.activePorts().isEmpty()) {
                if (System.nanoTime() - deadline > 0) {
                    LOG.warn("The HTTP server did not release its port within 5 seconds");
                    break;
                }
                Thread.sleep(1);
            }
            if (stopped.isCompletedExceptionally()) {
                stopped.get();
            }
        } catch (ExecutionException e) {
            LOG.warn("The HTTP server did not stop cleanly: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.shutdownNow();
        inProcess.shutdownNow();
        try {
            inProcess.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
