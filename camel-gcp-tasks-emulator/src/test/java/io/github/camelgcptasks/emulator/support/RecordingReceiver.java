package io.github.camelgcptasks.emulator.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP server on a free loopback port that records every request it gets and answers with a status chosen
 * per request (200 unless told otherwise), optionally after a delay.
 */
public final class RecordingReceiver implements AutoCloseable {

    /** One received request. */
    public record Received(String method, String path, Headers headers, byte[] body, Instant at) {

        public String header(String name) {
            return headers.getFirst(name);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Integer> scriptedStatuses = new ConcurrentLinkedQueue<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private volatile Function<Received, Integer> responder = request -> 200;
    private volatile Function<Received, Duration> delay = request -> Duration.ZERO;
    private final Map<String, Map.Entry<Integer, String>> redirects = new java.util.concurrent.ConcurrentHashMap<>();

    public RecordingReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** URL of {@code path} on this receiver. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers these statuses to the next requests, in order, then falls back to the responder. */
    public RecordingReceiver thenAnswer(Integer... statuses) {
        scriptedStatuses.addAll(List.of(statuses));
        return this;
    }

    public RecordingReceiver answerWith(Function<Received, Integer> responder) {
        this.responder = responder;
        return this;
    }

    /** Answers requests to {@code path} with a redirect of {@code status} to {@code location}. */
    public RecordingReceiver redirect(String path, String location, int status) {
        redirects.put(path, Map.entry(status, location));
        return this;
    }

    /** Waits this long before answering each request. */
    public RecordingReceiver delay(Duration delay) {
        this.delay = request -> delay;
        return this;
    }

    /** Waits before answering as long as the function says for each request. */
    public RecordingReceiver delay(Function<Received, Duration> delay) {
        this.delay = delay;
        return this;
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Number of requests received so far. */
    public int count() {
        return received.size();
    }

    /** Requests whose X-CloudTasks-TaskName is {@code taskId}. */
    public List<Received> forTask(String taskId) {
        return received().stream().filter(r -> taskId.equals(r.header("X-CloudTasks-TaskName"))).toList();
    }

    /** Most requests that were open at the same time. */
    public int maxConcurrent() {
        return maxOpen.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = open.incrementAndGet();
        maxOpen.accumulateAndGet(now, Math::max);
        boolean answered = false;
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    copy(exchange.getRequestHeaders()), body, Instant.now());
            received.add(request);
            Map.Entry<Integer, String> redirect = redirects.get(exchange.getRequestURI().getPath());
            Integer scripted = redirect != null ? null : scriptedStatuses.poll();
            int status = redirect != null ? redirect.getKey() : scripted != null ? scripted : responder.apply(request);
            if (redirect != null) {
                exchange.getResponseHeaders().set("Location", redirect.getValue());
            }
            Duration wait = delay.apply(request);
            if (!wait.isZero()) {
                try {
                    Thread.sleep(wait.toMillis()); // simulates a slow target; the tests themselves never sleep
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // no longer counted as open once the answer leaves, so the sender may start its next request
            open.decrementAndGet();
            answered = true;
            exchange.sendResponseHeaders(status, -1);
        } finally {
            if (!answered) {
                open.decrementAndGet();
            }
        }
    }

    private static Headers copy(Headers headers) {
        Headers copy = new Headers();
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            copy.put(entry.getKey(), List.copyOf(entry.getValue()));
        }
        return copy;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
