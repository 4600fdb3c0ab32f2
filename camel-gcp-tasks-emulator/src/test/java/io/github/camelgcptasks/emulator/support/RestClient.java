package io.github.camelgcptasks.emulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain HTTP/1.1 calls to the emulator's REST API, as curl makes them. */
public final class RestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: its status and its body as text and as JSON. */
    public record Answer(int status, String contentType, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        /** The {@code error} object of Google's JSON error shape. */
        public JsonNode error() {
            return json().path("error");
        }
    }

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public RestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Answer get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    public Answer post(String pathAndQuery, String json) {
        return send("POST", pathAndQuery, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    public Answer patch(String pathAndQuery, String json) {
        return send("PATCH", pathAndQuery, json.getBytes(StandardCharsets.UTF_8));
    }

    public Answer delete(String pathAndQuery) {
        return send("DELETE", pathAndQuery, null);
    }

    public Answer send(String method, String pathAndQuery, byte[] body) {
        return send(method, pathAndQuery, body, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** Sends the body without a Content-Length, in chunks. */
    public Answer sendChunked(String method, String pathAndQuery, byte[] body) {
        return send(method, pathAndQuery, body,
                HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private Answer send(String method, String pathAndQuery, byte[] body, HttpRequest.BodyPublisher publisher) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(method, publisher);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
