package io.github.camelgcptasks.component.consumer;

import java.util.Map;

/**
 * An answer the consumer writes itself rather than leaving it to the route: a refusal before the route runs, an
 * acknowledgement of a duplicate or a dead-lettered delivery, or a failure. The HTTP status, a short text body safe to
 * show any caller, and extra response headers (WWW-Authenticate, Retry-After).
 *
 * @param status  the HTTP status code of the answer
 * @param body    a short, generic text; never a token, a stack trace or configuration
 * @param headers extra response headers
 */
public record DeliveryAnswer(int status, String body, Map<String, String> headers) {

    public DeliveryAnswer {
        headers = Map.copyOf(headers);
    }

    public static DeliveryAnswer of(int status, String body) {
        return new DeliveryAnswer(status, body, Map.of());
    }

    public DeliveryAnswer withHeader(String name, String value) {
        var copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return new DeliveryAnswer(status, body, copy);
    }
}
