package io.github.camelgcptasks.emulator.dispatch.http;

import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelFutureListener;
import io.grpc.netty.shaded.io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.grpc.netty.shaded.io.netty.handler.codec.http.FullHttpRequest;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpHeaderNames;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpMethod;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpVersion;
import io.grpc.netty.shaded.io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One delivery attempt on one event loop, from the first request to the final answer: follows redirects the way the
 * JDK's client does with {@code Redirect.NORMAL} (301, 302, 303, 307 and 308, never from https to http, at most four
 * in a row), retries once on a new connection when a pooled one turns out to be closed before any answer, and fails
 * with {@link DeadlineExceededException} when the deadline passes first. Runs on its loop's thread only.
 */
final class DeliveryExchange implements LoopConnections.Callback {

    /** Redirects followed within one attempt: the JDK client's default retry limit of 5 lets four through. */
    static final int MAX_REDIRECTS = 4;

    private static final Set<String> BODILESS_METHODS = Set.of("GET", "HEAD", "DELETE");

    private final LoopConnections connections;
    private final CompletableFuture<Integer> answer;
    private OutboundRequest request;
    private int redirects;
    private boolean retriedStale;
    private boolean reusedConnection;
    private Channel channel;
    private ScheduledFuture<?> deadline;

    DeliveryExchange(LoopConnections connections, CompletableFuture<Integer> answer) {
        this.connections = connections;
        this.answer = answer;
    }

    void begin(OutboundRequest first) {
        request = first;
        deadline = connections.loop().schedule(this::deadlinePassed, first.deadline().toNanos(),
                TimeUnit.NANOSECONDS);
        send(false);
    }

    private void send(boolean newConnection) {
        connections.acquire(request.uri(), newConnection, this);
    }

    @Override
    public void connected(Channel connection, boolean reused) {
        if (answer.isDone()) {
            connections.release(connection); // the deadline passed while connecting
            return;
        }
        FullHttpRequest message;
        try {
            message = message(request);
        } catch (RuntimeException invalid) {
            connections.release(connection);
            fail(invalid);
            return;
        }
        channel = connection;
        reusedConnection = reused;
        connection.pipeline().get(ResponseReader.class).expect(this);
        connection.writeAndFlush(message).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess()) {
                // the reader then sees the connection close, and the lost connection is handled once, there
                written.channel().pipeline().fireExceptionCaught(written.cause());
            }
        });
    }

    @Override
    public void failed(Throwable cause) {
        fail(cause);
    }

    void answered(Channel connection, int status, boolean keepAlive, String location) {
        channel = null;
        if (keepAlive) {
            connections.release(connection);
        } else {
            connection.close();
        }
        if (answer.isDone()) {
            return;
        }
        if (request.followRedirects() && isRedirect(status)) {
            if (location == null) {
                fail(new IOException("Invalid redirection: HTTP " + status + " without a Location header"));
                return;
            }
            URI target;
            try {
                target = request.uri().resolve(URI.create(location));
            } catch (IllegalArgumentException invalid) {
                fail(invalid);
                return;
            }
            if (mayFollow(target) && ++redirects <= MAX_REDIRECTS) {
                String method = redirectedMethod(status, request.method());
                request = request.redirectedTo(target, method, status != 303 && method.equals(request.method()));
                send(false);
                return;
            }
        }
        deadline.cancel(false);
        answer.complete(status);
    }

    /**
     * The connection closed or failed before the answer was complete.
     *
     * @param answerBegun whether any byte of an answer had arrived, so the target got the request
     */
    void connectionLost(boolean answerBegun, Throwable cause) {
        channel = null;
        if (answer.isDone()) {
            return;
        }
        if (reusedConnection && !answerBegun && !retriedStale) {
            retriedStale = true; // a pooled connection the target had closed: the request never reached it
            send(true);
            return;
        }
        fail(cause != null ? cause : new IOException("The connection closed before the answer was complete"));
    }

    private void deadlinePassed() {
        if (answer.completeExceptionally(new DeadlineExceededException()) && channel != null) {
            channel.close();
        }
    }

    private void fail(Throwable cause) {
        if (deadline != null) {
            deadline.cancel(false);
        }
        answer.completeExceptionally(cause);
    }

    private boolean mayFollow(URI target) {
        String scheme = target.getScheme();
        return scheme != null && (scheme.equalsIgnoreCase(request.uri().getScheme()) || scheme.equalsIgnoreCase("https"));
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String redirectedMethod(int status, String method) {
        return switch (status) {
            case 301, 302 -> method.equals("POST") ? "GET" : method;
            case 303 -> "GET";
            default -> method;
        };
    }

    /** The request as written: {@code Host}, the given headers, and {@code Content-Length} where one is due. */
    static FullHttpRequest message(OutboundRequest request) {
        URI uri = request.uri();
        String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            target += "?" + uri.getRawQuery();
        }
        FullHttpRequest message = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                HttpMethod.valueOf(request.method()), target, Unpooled.wrappedBuffer(request.body().duplicate()));
        message.headers().set(HttpHeaderNames.HOST, hostHeader(uri));
        for (Map.Entry<String, String> header : request.headers()) {
            message.headers().add(header.getKey(), header.getValue());
        }
        int length = request.body().remaining();
        // as the JDK client did: a GET, HEAD or DELETE without a body says nothing of its length
        if (length > 0 || !BODILESS_METHODS.contains(request.method())) {
            message.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
        }
        return message;
    }

    private static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == LoopConnections.defaultPort(uri.getScheme());
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }
}
