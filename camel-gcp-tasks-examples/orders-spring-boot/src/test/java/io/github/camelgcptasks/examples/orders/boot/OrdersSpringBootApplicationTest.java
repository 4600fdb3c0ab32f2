package io.github.camelgcptasks.examples.orders.boot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Starts the app on a random port, on the embedded emulator, and uses its HTTP API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrdersSpringBootApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Test
    void anOrderIsQueuedThenProcessedOnItsSecondAttempt() throws Exception {
        HttpResponse<String> placed = send(HttpRequest.newBuilder(uri("/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\": \"espresso beans\", \"quantity\": 2}")));

        assertThat(placed.statusCode()).isEqualTo(202);
        Map<String, Object> receipt = json(placed.body());
        assertThat(receipt.get("id")).asString().isNotBlank();
        assertThat(receipt.get("taskName")).asString().contains("/queues/orders/tasks/");
        String id = (String) receipt.get("id");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> status = send(HttpRequest.newBuilder(uri("/orders/" + id)).GET());
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(json(status.body()))
                    .containsEntry("id", id)
                    .containsEntry("status", "processed")
                    .containsEntry("attempts", 2);
        });
    }

    @Test
    void anUnknownOrderIsNotFound() throws Exception {
        HttpResponse<String> status = send(HttpRequest.newBuilder(uri("/orders/no-such-order")).GET());

        assertThat(status.statusCode()).isEqualTo(404);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> json(String body) throws IOException {
        return JSON.readValue(body, new TypeReference<>() {
        });
    }
}
