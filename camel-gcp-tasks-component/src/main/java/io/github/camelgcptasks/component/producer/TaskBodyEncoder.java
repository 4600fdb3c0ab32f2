package io.github.camelgcptasks.component.producer;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.github.camelgcptasks.component.GcpTasksInvalidInputException;
import org.apache.camel.Exchange;
import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.camel.StreamCache;

/**
 * Turns a message body into the bytes of a task's HTTP request.
 * <ul>
 * <li>{@code null}: no body.</li>
 * <li>{@code byte[]}, {@link ByteString}, {@link ByteBuffer}: the bytes as they are.</li>
 * <li>{@link String} and other {@link CharSequence}s: UTF-8.</li>
 * <li>{@link InputStream} and {@link StreamCache} (what HTTP consumers hand over): read fully, as bytes.</li>
 * <li>anything else (maps, lists, POJOs, Jackson trees, numbers): JSON written by Jackson, and the task gets
 * {@code Content-Type: application/json} unless the exchange sets a Content-Type header.</li>
 * </ul>
 */
public final class TaskBodyEncoder {

    /** What a body became: its bytes, and whether it was written as JSON. */
    public record EncodedBody(ByteString bytes, boolean json) {
    }

    private final ObjectMapper objectMapper;

    public TaskBodyEncoder(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public EncodedBody encode(Exchange exchange, Object body) {
        if (body == null) {
            return new EncodedBody(ByteString.EMPTY, false);
        }
        if (body instanceof byte[] bytes) {
            return new EncodedBody(ByteString.copyFrom(bytes), false);
        }
        if (body instanceof ByteString bytes) {
            return new EncodedBody(bytes, false);
        }
        if (body instanceof ByteBuffer buffer) {
            return new EncodedBody(ByteString.copyFrom(buffer.duplicate()), false);
        }
        if (body instanceof CharSequence text) {
            return new EncodedBody(ByteString.copyFrom(text.toString(), StandardCharsets.UTF_8), false);
        }
        if (body instanceof InputStream || body instanceof StreamCache) {
            try {
                byte[] bytes = exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, body);
                if (body instanceof StreamCache cache) {
                    cache.reset();
                }
                return new EncodedBody(ByteString.copyFrom(bytes), false);
            } catch (NoTypeConversionAvailableException e) {
                throw new GcpTasksInvalidInputException("body", "body of type " + body.getClass().getName()
                                                                + " cannot be read as bytes: " + e.getMessage(),
                                                        e);
            }
        }
        try {
            return new EncodedBody(ByteString.copyFrom(objectMapper.writeValueAsBytes(body)), true);
        } catch (JsonProcessingException e) {
            throw new GcpTasksInvalidInputException("body", "body of type " + body.getClass().getName()
                                                            + " cannot be written as JSON: " + e.getOriginalMessage(),
                                                    e);
        }
    }
}
