package io.github.camelgcptasks.examples.orders.yaml;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Starts the YAML app as {@code mvn exec:java} does (Camel Main with application.properties), on the embedded
 * emulator and a free port, and uses its HTTP API. */
class OrdersYamlApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Main main;
    private static String baseUrl;

    @BeforeAll
    static void startApp() throws Exception {
        int port = freePort();
        baseUrl = "http://localhost:" + port;
        main = new Main();
        main.addOverrideProperty("camel.server.port", String.valueOf(port));
        main.start();
    }

    @AfterAll
    static void stopApp() {
        if (main != null) {
            main.stop();
        }
    }

    @Test
    void anOrderIsQueuedThenProcessedOnItsSecondAttempt() throws Exception {
        HttpResponse<String> placed = send(HttpRequest.newBuilder(URI.create(baseUrl + "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\": \"espresso beans\", \"quantity\": 2}")));

        assertThat(placed.statusCode()).isEqualTo(202);
        Map<String, Object> receipt = json(placed.body());
        assertThat(receipt.get("id")).asString().isNotBlank();
        assertThat(receipt.get("taskName")).asString().contains("/queues/orders/tasks/");
        String id = (String) receipt.get("id");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> status = send(HttpRequest.newBuilder(URI.create(baseUrl + "/orders/" + id)).GET());
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(json(status.body()))
                    .containsEntry("id", id)
                    .containsEntry("status", "processed")
                    .containsEntry("attempts", 2);
        });
    }

    @Test
    void anUnknownOrderIsNotFound() throws Exception {
        HttpResponse<String> status = send(HttpRequest.newBuilder(URI.create(baseUrl + "/orders/no-such-order")).GET());

        assertThat(status.statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> json(String body) throws IOException {
        return JSON.readValue(body, new TypeReference<>() {
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
