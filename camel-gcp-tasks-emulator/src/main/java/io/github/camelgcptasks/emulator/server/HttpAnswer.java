package io.github.camelgcptasks.emulator.server;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to an {@link HttpCall}.
 *
 * @param status  the HTTP status
 * @param headers response headers by name ({@code Content-Length} is set when it is written)
 * @param body    the response body
 */
public record HttpAnswer(int status, Map<String, String> headers, byte[] body) {

    public static final String JSON_UTF_8 = "application/json; charset=utf-8";

    public HttpAnswer {
        headers = Map.copyOf(headers);
    }

    /** A JSON document. */
    public static HttpAnswer json(int status, String json) {
        return of(status, JSON_UTF_8, json.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpAnswer of(int status, String contentType, byte[] body) {
        return new HttpAnswer(status, Map.of("Content-Type", contentType), body);
    }

    /** This answer with one more header. */
    public HttpAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpAnswer(status, more, body);
    }
}
