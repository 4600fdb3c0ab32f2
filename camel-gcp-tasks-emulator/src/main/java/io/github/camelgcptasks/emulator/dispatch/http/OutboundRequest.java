package io.github.camelgcptasks.emulator.dispatch.http;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request of a delivery.
 *
 * @param method          the HTTP method, e.g. {@code POST}
 * @param uri             an absolute {@code http} or {@code https} URI
 * @param headers         the headers to send, in order; {@code Host} and {@code Content-Length} are added
 * @param body            the body, empty for none
 * @param deadline        how long the whole attempt may take, redirects included, until the answer has arrived
 * @param followRedirects whether 3xx answers are followed within the attempt
 */
public record OutboundRequest(String method, URI uri, List<Map.Entry<String, String>> headers, ByteBuffer body,
                              Duration deadline, boolean followRedirects) {

    /** The request a redirect leads to: the same headers, to {@code target}, with or without the body. */
    OutboundRequest redirectedTo(URI target, String newMethod, boolean keepBody) {
        return new OutboundRequest(newMethod, target, headers, keepBody ? body : ByteBuffer.allocate(0), deadline,
                followRedirects);
    }
}
