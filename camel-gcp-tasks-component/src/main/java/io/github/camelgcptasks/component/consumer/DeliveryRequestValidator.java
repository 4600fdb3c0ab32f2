package io.github.camelgcptasks.component.consumer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.camel.util.IOHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.github.camelgcptasks.component.CloudTasksLimits.MAX_TASK_SIZE_BYTES;

/**
 * Checks that a request looks like a Cloud Tasks delivery for this queue before the route sees it: the body within
 * Cloud Tasks' 1 MB task limit (413 otherwise, checked always), the body the request declared actually readable (415
 * otherwise: Vert.x turns a form body into fields), and, unless {@code validateDeliveryHeaders=false}, an
 * {@code X-CloudTasks-QueueName} equal to this queue's id, an {@code X-CloudTasks-TaskName}, and well-formed count and
 * ETA headers (400 otherwise).
 */
public final class DeliveryRequestValidator {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRequestValidator.class);

    private final String queueId;
    private final boolean validateDeliveryHeaders;

    public DeliveryRequestValidator(String queueId, boolean validateDeliveryHeaders) {
        this.queueId = queueId;
        this.validateDeliveryHeaders = validateDeliveryHeaders;
    }

    /** The header checks; empty when the delivery may proceed. */
    public Optional<DeliveryAnswer> validateHeaders(DeliveryHeaders delivery) {
        if (!validateDeliveryHeaders) {
            return Optional.empty();
        }
        if (delivery.queueName() == null || delivery.queueName().isEmpty()) {
            return Optional.of(DeliveryAnswer.of(400, "Missing header " + DeliveryHeaders.QUEUE_NAME));
        }
        if (!queueId.equals(delivery.queueName())) {
            return Optional.of(DeliveryAnswer.of(400, "This endpoint does not serve the queue in "
                                                         + DeliveryHeaders.QUEUE_NAME));
        }
        if (delivery.taskName() == null || delivery.taskName().isEmpty()) {
            return Optional.of(DeliveryAnswer.of(400, "Missing header " + DeliveryHeaders.TASK_NAME));
        }
        if (!delivery.malformed().isEmpty()) {
            return Optional.of(DeliveryAnswer.of(400, "Malformed header " + delivery.malformed().get(0)));
        }
        return Optional.empty();
    }

    /**
     * Reads the body as bytes, never more than the limit allows, and makes those bytes the message body.
     *
     * @param declared the request's Content-Length, read before the transport headers were filtered out; or null
     * @return a 413 rejection when the body is over the limit, a 415 when a declared body never reached the consumer,
     *         else empty
     */
    public Optional<DeliveryAnswer> readBody(Exchange exchange, Long declared)
            throws IOException, NoTypeConversionAvailableException {
        Message message = exchange.getMessage();
        if (declared != null && declared > MAX_TASK_SIZE_BYTES) {
            return Optional.of(tooLarge());
        }
        Object body = message.getBody();
        byte[] bytes;
        if (body == null) {
            bytes = new byte[0];
        } else if (body instanceof byte[] b) {
            bytes = b;
        } else if (body instanceof InputStream in) {
            // a streaming engine: read no further than one byte past the limit
            bytes = readAtMost(in, MAX_TASK_SIZE_BYTES + 1);
        } else {
            bytes = exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, body);
        }
        if (bytes.length > MAX_TASK_SIZE_BYTES) {
            return Optional.of(tooLarge());
        }
        if (bytes.length == 0 && declared != null && declared > 0) {
            return Optional.of(bodyNotReadable(declared, message.getHeader(Exchange.CONTENT_TYPE, String.class)));
        }
        message.setBody(bytes);
        return Optional.empty();
    }

    /**
     * The request declared a body but none reached the consumer: the HTTP engine consumed it, as Vert.x does with a
     * form content type, which it parses into fields and cannot hand back as sent. Routing an empty body and answering
     * 2xx would lose the task; a 415 keeps it in the queue, retried, and the log says why.
     */
    private DeliveryAnswer bodyNotReadable(long declared, String contentType) {
        LOG.warn("Delivery to queue {} declared a body of {} bytes with Content-Type {}, but the HTTP engine passed on "
                 + "none (Vert.x parses form bodies into fields); answered 415 so Cloud Tasks keeps the task. Create "
                 + "such tasks with another content type, such as text/plain.", queueId, declared,
                 String.valueOf(contentType).replaceAll("\\p{Cntrl}", "?"));
        return DeliveryAnswer.of(415, "Body not readable with this content type");
    }

    /**
     * The check on a request's Content-Length header alone, for a gate that runs before the body is read.
     *
     * @param  contentLength the header as sent, or null
     * @return               the 413 answer when the declared length is over the limit; empty when it is not, or when
     *                       there is none or it is malformed (the HTTP engine refuses a malformed length itself)
     */
    public static Optional<DeliveryAnswer> declaredTooLarge(String contentLength) {
        if (contentLength == null) {
            return Optional.empty();
        }
        try {
            return Long.parseLong(contentLength.trim()) > MAX_TASK_SIZE_BYTES ? Optional.of(tooLarge()) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The answer to a body over Cloud Tasks' task size limit, whichever check finds it. */
    public static DeliveryAnswer tooLarge() {
        return DeliveryAnswer.of(413, "Body larger than the Cloud Tasks limit of " + MAX_TASK_SIZE_BYTES + " bytes");
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[IOHelper.DEFAULT_BUFFER_SIZE];
            int n;
            while (out.size() < max && (n = in.read(buffer, 0, Math.min(buffer.length, max - out.size()))) != -1) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }
}
