package io.github.camelgcptasks.component.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpServer;

import static org.awaitility.Awaitility.await;

/**
 * A local HTTP server on a free port that answers every request with 200 and remembers it, so a test can assert on what
 * the emulator delivered for a task.
 */
public final class RecordingHttpServer implements AutoCloseable {

    /** One request as it arrived: header names in lower case, the first value of each. */
    public record Request(String method, String path, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public RecordingHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    values.isEmpty() ? "" : values.get(0)));
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    /** The base URL, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String url(String path) {
        return baseUrl() + path;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits for the first request that matches. */
    public Request awaitRequest(Predicate<Request> match) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> requests.stream().filter(match).findFirst().orElse(null), r -> r != null);
    }

    /** Waits for the request delivered for a task, recognised by its X-CloudTasks-TaskName header. */
    public Request awaitTask(String fullOrShortTaskName) {
        String id = fullOrShortTaskName.substring(fullOrShortTaskName.lastIndexOf('/') + 1);
        return awaitRequest(r -> id.equals(r.header("X-CloudTasks-TaskName")));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
