package io.github.camelgcptasks.emulator.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request to the emulator's port, whole: what the REST API and the web console need of it.
 *
 * @param method  the HTTP method, upper case
 * @param path    the path, still percent-encoded
 * @param query   the query parameters, decoded, in their order
 * @param headers the header values by lower-case name
 * @param body    the request body, empty when there is none
 */
public record HttpCall(String method, String path, Map<String, List<String>> query,
                       Map<String, List<String>> headers, byte[] body) {

    /** The last value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String bodyUtf8() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
