package io.github.camelgcptasks.component.consumer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A Camel context serving platform-http with Vert.x on a free port, and an HTTP client to call it.
 */
abstract class ConsumerTestSupport {

    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    protected CamelContext context;
    private int port;

    @BeforeEach
    void createContext() throws Exception {
        context = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setBindHost("127.0.0.1");
        // picked before start so that producers can be given the consumer's URL
        port = AvailablePortFinder.getNextAvailable();
        configuration.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(configuration));
    }

    @AfterEach
    void stopContext() {
        if (context != null) {
            context.stop();
        }
    }

    protected void start(RouteBuilder routes) throws Exception {
        context.addRoutes(routes);
        context.start();
    }

    protected int port() {
        return port;
    }

    protected String url(String path) {
        return "http://localhost:" + port() + path;
    }

    protected static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A request shaped like a Cloud Tasks delivery of task {@code task} on queue {@code queue}. */
    protected HttpRequest.Builder delivery(String path, String queue, String task, int retryCount, byte[] body) {
        return HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(20))
                .header("User-Agent", "Google-Cloud-Tasks")
                .header("X-CloudTasks-QueueName", queue)
                .header("X-CloudTasks-TaskName", task)
                .header("X-CloudTasks-TaskRetryCount", Integer.toString(retryCount))
                .header("X-CloudTasks-TaskExecutionCount", "0")
                .header("X-CloudTasks-TaskETA", "1764000000.25")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }
}
