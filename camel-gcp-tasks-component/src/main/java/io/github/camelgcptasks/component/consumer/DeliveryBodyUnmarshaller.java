package io.github.camelgcptasks.component.consumer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.camel.Message;

/**
 * Turns the delivered bytes into the body the route gets: the bytes themselves when no {@code unmarshalType} is set,
 * text for {@code java.lang.String}, and otherwise an instance of that type read from JSON with Jackson. Properties
 * the type does not know are ignored, so a producer may add fields before its consumers learn them; an empty body
 * becomes a null body.
 */
public final class DeliveryBodyUnmarshaller {

    private final Class<?> type;
    private final ObjectMapper mapper;

    /**
     * @param type   the type to unmarshal to, or null to keep the bytes
     * @param mapper the Jackson mapper to use, or null for a default one with java.time support
     */
    public DeliveryBodyUnmarshaller(Class<?> type, ObjectMapper mapper) {
        this.type = type;
        this.mapper = mapper != null ? mapper : defaultMapper();
    }

    static ObjectMapper defaultMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /**
     * Replaces the byte[] body of the message with its unmarshalled form.
     *
     * @throws IOException naming the target type when the body is not JSON of that type
     */
    public void unmarshal(Message message) throws IOException {
        if (type == null || type == byte[].class) {
            return;
        }
        byte[] bytes = message.getBody(byte[].class);
        if (type == String.class) {
            message.setBody(bytes == null ? null : new String(bytes, StandardCharsets.UTF_8));
        } else if (bytes == null || bytes.length == 0) {
            message.setBody(null);
        } else {
            try {
                message.setBody(mapper.readValue(bytes, type));
            } catch (JsonProcessingException e) {
                throw new IOException("The delivered body is not JSON of type " + type.getName() + ": "
                                      + e.getOriginalMessage(), e);
            }
        }
    }

    public Class<?> getType() {
        return type;
    }
}
