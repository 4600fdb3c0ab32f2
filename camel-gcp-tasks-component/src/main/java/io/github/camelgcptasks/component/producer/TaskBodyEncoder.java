package io.github.camelgcptasks.component.producer;

import java.io.File;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.github.camelgcptasks.component.GcpTasksInvalidInputException;
import org.apache.camel.Exchange;
import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.camel.StreamCache;
import org.apache.camel.WrappedFile;

/**
 * Turns a message body into the bytes of a task's HTTP request.
 * <ul>
 * <li>{@code null}: no body.</li>
 * <li>{@code byte[]}, {@link ByteString}, {@link ByteBuffer}: the bytes as they are.</li>
 * <li>{@link String} and other {@link CharSequence}s: UTF-8.</li>
 * <li>{@link InputStream}, {@link StreamCache}, a Vert.x {@code Buffer} or Netty {@code ByteBuf} (what HTTP consumers
 * such as platform-http hand over) and files ({@link WrappedFile} from the file component, {@link File}): their
 * content, read with Camel's type converters.</li>
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

    /** Byte buffers of HTTP engines, recognised by name so that their libraries stay optional. */
    private static final Set<String> BYTE_CONTAINERS = Set.of("io.vertx.core.buffer.Buffer", "io.netty.buffer.ByteBuf");

    private static boolean isByteContainer(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (BYTE_CONTAINERS.contains(c.getName())) {
                return true;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (BYTE_CONTAINERS.contains(i.getName()) || isByteContainer(i)) {
                    return true;
                }
            }
        }
        return false;
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
        if (body instanceof InputStream || body instanceof StreamCache || body instanceof WrappedFile<?>
                || body instanceof File || isByteContainer(body.getClass())) {
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
