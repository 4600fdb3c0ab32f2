package io.github.camelgcptasks.component.consumer;

import java.util.Map;

/**
 * Why a delivery is answered without running the route: the HTTP status, a short text body safe to show any caller,
 * and extra response headers (WWW-Authenticate, Retry-After).
 *
 * @param status  the HTTP status code of the answer
 * @param body    a short, generic text; never a token, a stack trace or configuration
 * @param headers extra response headers
 */
public record DeliveryRejection(int status, String body, Map<String, String> headers) {

    public DeliveryRejection {
        headers = Map.copyOf(headers);
    }

    public static DeliveryRejection of(int status, String body) {
        return new DeliveryRejection(status, body, Map.of());
    }

    public DeliveryRejection withHeader(String name, String value) {
        var copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return new DeliveryRejection(status, body, copy);
    }
}
