package io.github.camelgcptasks.examples.orders;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelgcptasks.emulator.junit.FreePort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A client of the orders app's HTTP API, as a user drives it with curl; shared by every variant's test. */
public final class OrdersApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;

    public OrdersApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static OrdersApi onLocalPort(int port) {
        return new OrdersApi("http://localhost:" + port);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** {@code POST /orders}: asserts the 202 and returns the receipt ({@code id}, {@code taskName}). */
    public Map<String, Object> placeOrder(String orderJson) {
        HttpResponse<String> placed = send(HttpRequest.newBuilder(URI.create(baseUrl + "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(orderJson)));
        assertThat(placed.statusCode()).isEqualTo(202);
        Map<String, Object> receipt = json(placed.body());
        assertThat(receipt.get("id")).asString().isNotBlank();
        return receipt;
    }

    /** {@code POST /orders} with a body of {@code size} bytes sent chunked, without Content-Length; answers the status. */
    public int placeChunkedBody(int size) {
        HttpResponse<String> placed = send(HttpRequest.newBuilder(URI.create(baseUrl + "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[size]))));
        return placed.statusCode();
    }

    /** {@code GET /orders/{id}}. */
    public HttpResponse<String> status(String id) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/orders/" + id)).GET());
    }

    /** Waits until {@code GET /orders/{id}} shows the order processed after {@code attempts} deliveries. */
    public void awaitProcessed(String id, int attempts) {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            HttpResponse<String> status = status(id);
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(json(status.body()))
                    .containsEntry("id", id)
                    .containsEntry("status", "processed")
                    .containsEntry("attempts", attempts);
        });
    }

    /** A port for the app that the embedded emulator's own port-0 servers cannot be given meanwhile. */
    public static int freePort() {
        return FreePort.belowEphemeralRange();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> json(String body) {
        try {
            return JSON.readValue(body, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + body, e);
        }
    }
}
