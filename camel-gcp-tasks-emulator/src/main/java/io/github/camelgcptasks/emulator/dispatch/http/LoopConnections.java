package io.github.camelgcptasks.emulator.dispatch.http;

import com.google.common.net.InetAddresses;
import io.grpc.netty.shaded.io.netty.bootstrap.Bootstrap;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelFuture;
import io.grpc.netty.shaded.io.netty.channel.ChannelInitializer;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoop;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpClientCodec;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslHandler;
import io.grpc.netty.shaded.io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The connections of one event loop, idle ones kept per origin for the next request there. Every method runs on the
 * loop's thread, so nothing here is locked. Host names are looked up on another thread, once per new connection, so
 * a slow lookup never stalls the loop; IP addresses are used as they are.
 */
final class LoopConnections {

    /** Told when a connection is ready for a request, or could not be made. */
    interface Callback {
        void connected(Channel connection, boolean reused);

        void failed(Throwable cause);
    }

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final AttributeKey<String> ORIGIN = AttributeKey.valueOf("cloud-tasks-emulator-origin");

    private final EventLoop loop;
    private final Class<? extends Channel> channelType;
    private final Supplier<SSLContext> tls;
    private final Executor lookups;
    private final Map<String, ArrayDeque<Channel>> idle = new HashMap<>();

    LoopConnections(EventLoop loop, Class<? extends Channel> channelType, Supplier<SSLContext> tls,
                    Executor lookups) {
        this.loop = loop;
        this.channelType = channelType;
        this.tls = tls;
        this.lookups = lookups;
    }

    EventLoop loop() {
        return loop;
    }

    /** Hands {@code callback} an idle connection to {@code uri}'s origin, or a new one when none is or when asked. */
    void acquire(URI uri, boolean newConnection, Callback callback) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!scheme.equals("http") && !scheme.equals("https") || host == null) {
            callback.failed(new IllegalArgumentException("Not an http(s) URL with a host: " + uri));
            return;
        }
        int port = uri.getPort() == -1 ? defaultPort(scheme) : uri.getPort();
        String origin = scheme + "://" + host + ":" + port;
        ArrayDeque<Channel> ready = idle.get(origin);
        while (!newConnection && ready != null && !ready.isEmpty()) {
            Channel pooled = ready.pollFirst();
            if (pooled.isActive()) {
                callback.connected(pooled, true);
                return;
            }
        }
        if (InetAddresses.isUriInetAddress(host)) {
            connect(origin, scheme, host, new InetSocketAddress(InetAddresses.forUriString(host), port), callback);
            return;
        }
        try {
            lookups.execute(() -> {
                InetSocketAddress address;
                try {
                    address = new InetSocketAddress(InetAddress.getByName(host), port);
                } catch (UnknownHostException unknown) {
                    loop.execute(() -> callback.failed(unknown));
                    return;
                }
                loop.execute(() -> connect(origin, scheme, host, address, callback));
            });
        } catch (RejectedExecutionException shutDown) {
            callback.failed(shutDown);
        }
    }

    /** Keeps an answered connection for the next request to its origin. */
    void release(Channel connection) {
        if (connection.isActive()) {
            idle.computeIfAbsent(connection.attr(ORIGIN).get(), o -> new ArrayDeque<>()).addFirst(connection);
        }
    }

    private void connect(String origin, String scheme, String host, InetSocketAddress address, Callback callback) {
        boolean secure = scheme.equals("https");
        String peerHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (secure) {
                            channel.pipeline().addLast(new SslHandler(clientEngine(peerHost, address.getPort())));
                        }
                        ResponseReader reader = new ResponseReader();
                        channel.pipeline().addLast(reader.bytesWatcher(),
                                new HttpClientCodec(4096, MAX_HEADER_BYTES, 8192), reader);
                    }
                });
        ChannelFuture connecting;
        try {
            connecting = bootstrap.connect(address);
        } catch (RuntimeException e) {
            callback.failed(e);
            return;
        }
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                callback.failed(done.cause());
                return;
            }
            Channel channel = connecting.channel();
            channel.attr(ORIGIN).set(origin);
            channel.closeFuture().addListener(closed -> forget(origin, channel));
            callback.connected(channel, false);
        });
    }

    private void forget(String origin, Channel channel) {
        ArrayDeque<Channel> ready = idle.get(origin);
        if (ready != null) {
            ready.remove(channel);
            if (ready.isEmpty()) {
                idle.remove(origin);
            }
        }
    }

    /** A client engine that checks the certificate is for {@code host}, as the JDK's HTTP client does. */
    private SSLEngine clientEngine(String host, int port) {
        SSLEngine engine = tls.get().createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return engine;
    }

    static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
}
