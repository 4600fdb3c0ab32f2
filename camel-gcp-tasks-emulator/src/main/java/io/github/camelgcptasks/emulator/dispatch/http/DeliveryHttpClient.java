package io.github.camelgcptasks.emulator.dispatch.http;

import com.google.common.base.Suppliers;
import io.github.camelgcptasks.emulator.server.TransportThreads;
import io.grpc.netty.shaded.io.netty.channel.EventLoop;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Sends deliveries over HTTP/1.1 on the emulator's event loops, never blocking a thread on an answer. A request made
 * on one of those loops (a task created by an RPC and due now) is written from that same thread, with no hand-off to
 * a sender thread first, which is most of what a delivery waited for at low rates. The answer, its status or why
 * there was none, completes the future on the loop.
 */
public final class DeliveryHttpClient implements AutoCloseable {

    private final TransportThreads threads;
    private final Map<EventLoop, LoopConnections> connections = new ConcurrentHashMap<>();
    // the JDK's default TLS context (its trust store included), set up on the first https delivery only
    private final Supplier<SSLContext> tls = Suppliers.memoize(DeliveryHttpClient::defaultTls);
    private final ExecutorService lookups;

    public DeliveryHttpClient(TransportThreads threads) {
        this.threads = threads;
        AtomicInteger count = new AtomicInteger();
        // a few lookups at once, each only when a new connection is made to a host given by name
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "cloud-tasks-emulator-lookup-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.lookups = pool;
    }

    /**
     * Sends {@code request}; the future completes with the final status (after redirects when followed), or with
     * {@link DeadlineExceededException}, a {@link java.net.ConnectException} or another failure.
     */
    public CompletableFuture<Integer> send(OutboundRequest request) {
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        EventLoop loop = threads.currentOrNext();
        DeliveryExchange exchange = new DeliveryExchange(connections.computeIfAbsent(loop,
                l -> new LoopConnections(l, threads.clientChannelType(), tls, lookups)), answer);
        if (loop.inEventLoop()) {
            begin(exchange, request, answer);
        } else {
            try {
                loop.execute(() -> begin(exchange, request, answer));
            } catch (RejectedExecutionException shutDown) {
                answer.completeExceptionally(shutDown);
            }
        }
        return answer;
    }

    private static void begin(DeliveryExchange exchange, OutboundRequest request, CompletableFuture<Integer> answer) {
        try {
            exchange.begin(request);
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No default TLS context", e);
        }
    }

    /** Stops the host name lookups; the connections close with the event loops. */
    @Override
    public void close() {
        lookups.shutdownNow();
    }
}
