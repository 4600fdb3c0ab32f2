package io.github.camelgcptasks.component.consumer;

import java.util.Map;
import java.util.Optional;

import io.github.camelgcptasks.component.consumer.security.DeliveryAuthenticator;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.RollbackExchangeException;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.ExchangeHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor the platform-http consumer calls for each request. It runs the checks in order, and answers without
 * running the route when one refuses the request: suspended (503), authentication (401/403), delivery headers (400),
 * body size (413), idempotency (200 for a task already processed, 409 for one being processed). Then it unmarshals
 * the body, runs the route, and turns its outcome into the answer Cloud Tasks acts on: 2xx completes the task, any
 * other status makes Cloud Tasks retry it.
 * <ul>
 * <li>The route succeeded: the status it set in {@link Exchange#HTTP_RESPONSE_CODE}, else 200.</li>
 * <li>The route failed on the last attempt {@code maxDeliveryAttempts} allows: dead-lettered, then 200.</li>
 * <li>The route failed otherwise: 500 with a short generic text; the exception stays available as
 * {@link Exchange#EXCEPTION_CAUGHT} and is never written to the answer, whatever the HTTP engine.</li>
 * </ul>
 * Failures of the consumer itself (a body that cannot be unmarshalled, an idempotent repository or dead letter endpoint
 * that fails) go to the consumer's {@link org.apache.camel.spi.ExceptionHandler}: logged by default, the
 * {@code exceptionHandler} option's own, or the route's error handler with {@code bridgeErrorHandler=true}. The
 * answer stays a 500 (or a dead letter on the last attempt), so Cloud Tasks keeps the task. Every answer is recorded
 * by outcome.
 */
public final class DeliveryHandler extends AsyncProcessorSupport {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryHandler.class);

    static final String FAILED_BODY = "Task processing failed";
    static final String RETRY_AFTER_SECONDS = "10";

    private final GcpTasksConsumer consumer;
    private final DeliveryAuthenticator authenticator;
    private final DeliveryRequestValidator validator;
    private final DeliveryBodyUnmarshaller unmarshaller;
    private final IdempotentDeliveryGuard guard;
    private final DeadLetterPolicy deadLetterPolicy;
    private final HeaderFilterStrategy headerFilterStrategy;
    private final DeliveryRecorder recorder;

    /**
     * @param authenticator null when token verification is off
     * @param guard         null without an idempotent repository
     */
    public DeliveryHandler(GcpTasksConsumer consumer, DeliveryAuthenticator authenticator,
                           DeliveryRequestValidator validator, DeliveryBodyUnmarshaller unmarshaller,
                           IdempotentDeliveryGuard guard, DeadLetterPolicy deadLetterPolicy,
                           HeaderFilterStrategy headerFilterStrategy, DeliveryRecorder recorder) {
        this.consumer = consumer;
        this.authenticator = authenticator;
        this.validator = validator;
        this.unmarshaller = unmarshaller;
        this.guard = guard;
        this.deadLetterPolicy = deadLetterPolicy;
        this.headerFilterStrategy = headerFilterStrategy;
        this.recorder = recorder;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Message message = exchange.getMessage();
        String taskName = message.getHeader(DeliveryHeaders.TASK_NAME, String.class);
        DeliveryHeaders delivery;
        String claimed = null;
        try {
            if (consumer.isSuspendingOrSuspended() || !consumer.isRunAllowed()) {
                // Cloud Tasks retries a 503 later, by when the consumer may be back
                return refuse(exchange, taskName, DeliveryAnswer.of(503, "Consumer suspended")
                        .withHeader("Retry-After", RETRY_AFTER_SECONDS), callback);
            }
            Optional<DeliveryAnswer> rejection
                    = authenticator != null ? authenticator.authenticate(exchange) : Optional.empty();
            delivery = DeliveryHeaders.read(message);
            Long declaredLength = message.getHeader(Exchange.CONTENT_LENGTH, Long.class);
            filterRequestHeaders(exchange);
            if (rejection.isEmpty()) {
                rejection = validator.validateHeaders(delivery);
            }
            if (rejection.isEmpty()) {
                rejection = validator.readBody(exchange, declaredLength);
            }
            if (rejection.isPresent()) {
                return refuse(exchange, taskName, rejection.get(), callback);
            }
            delivery.applyTo(message);
            if (guard != null && delivery.taskName() != null) {
                String key = IdempotentDeliveryGuard.key(consumer.getEndpoint().getQueueReference().queueId(),
                                                         delivery.taskName());
                switch (guard.claim(key)) {
                    case DUPLICATE:
                        LOG.debug("Task {} was already processed: acknowledged without routing", key);
                        recorder.record(DeliveryOutcome.DUPLICATE);
                        return answer(exchange, DeliveryAnswer.of(200, "Already processed"), callback);
                    case IN_PROGRESS:
                        return refuse(exchange, taskName, DeliveryAnswer.of(409, "Task is being processed")
                                .withHeader("Retry-After", RETRY_AFTER_SECONDS), callback);
                    default:
                        claimed = key;
                }
            }
        } catch (Exception e) {
            if (claimed != null) {
                guard.release(claimed, false);
            }
            recorder.record(DeliveryOutcome.ERROR);
            handleConsumerFailure("Could not accept a delivery to " + consumer.getEndpoint().getConsumerPath(),
                                  exchange, e);
            return answer(exchange, DeliveryAnswer.of(500, FAILED_BODY), callback);
        }

        exchange.getExchangeExtension().setFromEndpoint(consumer.getEndpoint());
        exchange.getExchangeExtension().setFromRouteId(consumer.getRouteId());
        Message original = deadLetterPolicy.isEnabled() ? message.copy() : null;
        try {
            unmarshaller.unmarshal(message);
        } catch (Exception e) {
            handleConsumerFailure("Delivery of task " + delivery.taskName() + " not routed", exchange, e);
            exchange.setException(e);
            complete(exchange, delivery, original, null, claimed, DeliveryOutcome.NOT_UNMARSHALLED);
            callback.done(true);
            return true;
        }
        if (original != null) {
            original = message.copy();
        }
        Object routedBody = message.getBody();
        Message entered = original;
        String key = claimed;
        return consumer.getAsyncProcessor().process(exchange, doneSync -> {
            try {
                complete(exchange, delivery, entered, routedBody, key, DeliveryOutcome.FAILED);
            } catch (RuntimeException e) {
                // e.g. the idempotent repository failed: Cloud Tasks must retry, whatever the route did
                recorder.record(DeliveryOutcome.ERROR);
                handleConsumerFailure("Could not settle the delivery of task " + delivery.taskName(), exchange, e);
                answerFailure(exchange, e);
            } finally {
                callback.done(doneSync);
            }
        });
    }

    /**
     * Turns the route's outcome into the answer, and settles the idempotency claim; records the outcome unless settling
     * throws.
     *
     * @param failed how a failure that is not dead-lettered counts
     */
    private void complete(Exchange exchange, DeliveryHeaders delivery, Message original, Object routedBody, String key,
                          DeliveryOutcome failed) {
        boolean processed = false;
        DeliveryOutcome outcome;
        try {
            Exception failure = exchange.getException();
            if (failure == null && exchange.isRollbackOnly()) {
                failure = new RollbackExchangeException("The route marked the delivery for rollback", exchange);
            }
            if (failure == null) {
                processed = answerSuccess(exchange, routedBody);
                outcome = processed ? DeliveryOutcome.ACCEPTED : DeliveryOutcome.FAILED;
            } else if (deadLetterPolicy.isLastAttempt(delivery.attempt())) {
                processed = deadLetter(exchange, delivery, original, failure);
                outcome = processed ? DeliveryOutcome.DEAD_LETTERED : DeliveryOutcome.ERROR;
            } else {
                answerFailure(exchange, failure);
                outcome = failed;
            }
        } finally {
            if (key != null) {
                guard.release(key, processed);
            }
        }
        if (outcome == DeliveryOutcome.NOT_UNMARSHALLED) {
            recorder.refused(delivery.taskName(), outcome, 500,
                             "Body is not JSON of type " + unmarshaller.getType().getName());
        } else {
            recorder.record(outcome);
        }
    }

    private boolean answerSuccess(Exchange exchange, Object routedBody) {
        Message message = exchange.getMessage();
        Integer code = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (code == null) {
            code = 200;
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, code);
        }
        Object body = message.getBody();
        if (body != null && (body == routedBody || !(body instanceof String || body instanceof byte[]))) {
            // Cloud Tasks only reads the status: no need to echo the delivery, nor to serialize what the route left
            message.setBody(null);
        }
        return code >= 200 && code < 300;
    }

    private boolean deadLetter(Exchange exchange, DeliveryHeaders delivery, Message original, Exception failure) {
        Exception deadLetterFailure;
        try {
            deadLetterFailure = deadLetterPolicy.deadLetter(original != null ? original : exchange.getIn(), failure,
                                                            consumer.getRouteId());
        } catch (RuntimeException e) {
            deadLetterFailure = e;
        }
        if (deadLetterFailure != null) {
            handleConsumerFailure("Could not dead-letter task " + delivery.taskName() + " to "
                                  + deadLetterPolicy.getDeadLetterUri() + "; Cloud Tasks will retry it",
                                  exchange, deadLetterFailure);
            answerFailure(exchange, failure);
            return false;
        }
        LOG.warn("Task {} failed on attempt {} of {} and was sent to {}: {}", delivery.taskName(), delivery.attempt(),
                 deadLetterPolicy.getMaxDeliveryAttempts(), deadLetterPolicy.getDeadLetterUri(), failure.toString());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        ExchangeHelper.setFailureHandled(exchange);
        exchange.setRollbackOnly(false);
        writeAnswer(exchange.getMessage(), DeliveryAnswer.of(200, "Dead-lettered"));
        return true;
    }

    private static void answerFailure(Exchange exchange, Exception failure) {
        // Answer 500 with a generic text whatever the engine: platform-http engines would otherwise decide what
        // to write for an exception. The exception stays on the exchange as EXCEPTION_CAUGHT.
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        ExchangeHelper.setFailureHandled(exchange);
        exchange.setRollbackOnly(false);
        writeAnswer(exchange.getMessage(), DeliveryAnswer.of(500, FAILED_BODY));
    }

    /**
     * Hands a failure of the consumer itself to the consumer's exception handler, which logs it, or with
     * bridgeErrorHandler=true routes a copy of the exchange through the route's error handler. The handler must not
     * change the answer, so its own failure is only logged.
     */
    private void handleConsumerFailure(String what, Exchange exchange, Throwable failure) {
        try {
            consumer.getExceptionHandler().handleException(what, exchange, failure);
        } catch (RuntimeException e) {
            LOG.error("{}; the exception handler failed too", what, e);
        }
    }

    /** Answers a refusal: the request never reaches the route. */
    private boolean refuse(Exchange exchange, String taskName, DeliveryAnswer answer, AsyncCallback callback) {
        recorder.refused(taskName, DeliveryOutcome.ofRefusal(answer.status()), answer.status(), answer.body());
        return answer(exchange, answer, callback);
    }

    private static boolean answer(Exchange exchange, DeliveryAnswer answer, AsyncCallback callback) {
        writeAnswer(exchange.getMessage(), answer);
        callback.done(true);
        return true;
    }

    private static void writeAnswer(Message message, DeliveryAnswer answer) {
        // only the answer's own headers go back, not the request's nor the route's
        message.getHeaders().keySet().removeIf(name -> !isCamelHeader(name));
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        message.setBody(answer.body());
    }

    /**
     * Removes what the route must not see: Authorization always, the X-CloudTasks-* headers (the typed CamelGcpTasks*
     * headers replace them) and whatever else the endpoint's header filter strategy filters. Headers the HTTP engine
     * set itself (CamelHttpPath, CamelHttpMethod, ...) stay.
     */
    private void filterRequestHeaders(Exchange exchange) {
        Message message = exchange.getMessage();
        message.removeHeader("Authorization");
        message.getHeaders().entrySet().removeIf(
                header -> !isCamelHeader(header.getKey())
                        && headerFilterStrategy.applyFilterToExternalHeaders(header.getKey(), header.getValue(), exchange));
    }

    private static boolean isCamelHeader(String name) {
        return name.regionMatches(true, 0, "Camel", 0, 5);
    }
}
