package io.github.camelgcptasks.springboot.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import io.github.camelgcptasks.component.consumer.DeliveryAnswer;
import io.github.camelgcptasks.component.consumer.EarlyDeliveryCheck;
import io.github.camelgcptasks.component.consumer.GcpTasksConsumer;
import io.github.camelgcptasks.component.consumer.security.DeliveryAuthenticator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a delivery to a gcp-tasks consumer on its headers, before anything reads its body. Under Spring Boot,
 * platform-http reads the whole body into memory before the consumer sees the request, so without this a caller with
 * no token could make the application buffer a body of any size only to be answered 401.
 * <p>
 * For a POST to the path of a running consumer with {@code earlyRefusal} on, the consumer's {@link EarlyDeliveryCheck}
 * decides: 401 or 403 for a token it does not accept, then 413 for a declared Content-Length over Cloud Tasks' 1 MB
 * limit. A refusal is answered here, with {@code Connection: close}, and counted like the consumer's own. A body sent
 * without Content-Length (chunked) reads as ended one byte past the limit, so the consumer refuses it with 413 after
 * reading no more than that. Other requests pass unchanged; the consumer checks every request again.
 */
public final class ServletDeliveryGate extends OncePerRequestFilter {

    private final GcpTasksConsumerLookup consumers;

    ServletDeliveryGate(GcpTasksConsumerLookup consumers) {
        this.consumers = consumers;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<EarlyDeliveryCheck> check = consumers.find(request).flatMap(GcpTasksConsumer::getEarlyCheck);
        if (check.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        DeliveryAuthenticator.Request headers = new DeliveryAuthenticator.Request(
                request.getHeader("Authorization"), request.getRequestURL().toString(),
                request.getHeader("X-CloudTasks-TaskName"), request.getRequestURI());
        Optional<DeliveryAnswer> refusal = check.get().check(headers, request.getHeader("Content-Length"));
        if (refusal.isPresent()) {
            refuse(response, refusal.get());
        } else if (request.getContentLengthLong() < 0) {
            chain.doFilter(new BodyBoundedRequest(request, check.get().maxBodyBytes() + 1L), response);
        } else {
            // the engine reads no more than the declared length, which the check found within the limit
            chain.doFilter(request, response);
        }
    }

    private static void refuse(HttpServletResponse response, DeliveryAnswer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(answer.status());
        response.setContentType("text/plain; charset=utf-8");
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        // the unread body stays unread: the connection cannot carry another request after it
        response.setHeader("Connection", "close");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
