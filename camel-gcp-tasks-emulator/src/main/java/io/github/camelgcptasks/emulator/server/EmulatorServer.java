package io.github.camelgcptasks.emulator.server;

import com.google.api.HttpRule;
import io.github.camelgcptasks.emulator.rest.RestTranscoder;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.InternalNettyServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpServerCodec;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The emulator's one listening port, as the real service has one address for both protocols: grpc-java's Netty
 * server takes gRPC (HTTP/2) for the client libraries, and connections that speak HTTP/1.1 get REST/JSON at the
 * {@code /v2/...} paths for gcloud, curl and the REST transports. REST calls reach the same service definitions,
 * interceptors included, through an in-process channel.
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

    private final Server server;
    private final InProcessChannel inProcess;

    private EmulatorServer(Server server, InProcessChannel inProcess) {
        this.server = server;
        this.inProcess = inProcess;
    }

    /**
     * Binds {@code host:port} (0 for a free port) and serves {@code services} there over gRPC and REST.
     *
     * @param threads the event loops to serve on, shared with the emulator's delivery of tasks
     * @param front puts HTTP services of its own (the web console) in front of the REST API, which answers the
     *              calls they leave
     * @throws IOException when the port cannot be bound
     */
    public static EmulatorServer start(String host, int port, List<ServerServiceDefinition> services,
                                       TransportThreads threads, UnaryOperator<HttpService> front)
            throws IOException {
        InProcessChannel inProcess = new InProcessChannel(services);
        RestTranscoder rest = new RestTranscoder(services, CLOUD_TASKS_MIXIN_RULES, inProcess, MAX_REQUEST_BYTES);
        HttpService http = front.apply(rest);
        OnePortNegotiator negotiator = new OnePortNegotiator(() -> new ChannelHandler[] {
            new HttpServerCodec(),
            new HttpServerKeepAliveHandler(),
            new BoundedHttpAggregator(MAX_REQUEST_BYTES, rest::bodyTooLarge),
            new HttpCallHandler(http)});
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port),
                        InternalNettyServerCredentials.create(negotiator))
                .bossEventLoopGroup(threads.acceptor())
                .workerEventLoopGroup(threads.workers())
                .channelType(threads.serverChannelType())
                // handlers never block, so they run on the transport threads without a hand-off
                .directExecutor()
                .maxInboundMessageSize(MAX_REQUEST_BYTES)
                // an HTTP/1.1 connection never completes gRPC's handshake, and grpc-java would close every one of
                // them (pooled keep-alive connections of REST clients too) two minutes after it opened
                .handshakeTimeout(Long.MAX_VALUE, TimeUnit.MILLISECONDS)
                .addServices(services)
                .build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            inProcess.close();
            throw e;
        }
        return new EmulatorServer(server, inProcess);
    }

    /** The port it listens on. */
    public int port() {
        return server.getPort();
    }

    /** Stops listening and closes every connection, waiting at most 5 seconds for each server. */
    @Override
    public void close() {
        server.shutdownNow();
        inProcess.close();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
