package io.github.camelgcptasks.component.consumer;

import java.util.Optional;

import io.github.camelgcptasks.component.consumer.security.DeliveryAuthenticator;

import static io.github.camelgcptasks.component.CloudTasksLimits.MAX_TASK_SIZE_BYTES;

/**
 * What a consumer checks of a delivery from its headers alone, for a gate an HTTP engine runs before it reads the
 * body: the OIDC token when verification is on (the authenticator's 401 or 403), then a declared Content-Length over
 * Cloud Tasks' 1 MB limit (the validator's 413). A refusal is recorded like the consumer's own, so it is counted and
 * published as an event. The consumer checks every request again after the gate, so letting a request through is
 * always safe.
 */
public final class EarlyDeliveryCheck {

    private final DeliveryAuthenticator authenticator;
    private final DeliveryRecorder recorder;

    /** @param authenticator null when token verification is off; only the size is checked then */
    EarlyDeliveryCheck(DeliveryAuthenticator authenticator, DeliveryRecorder recorder) {
        this.authenticator = authenticator;
        this.recorder = recorder;
    }

    /**
     * Checks a request on its headers, in the consumer's order: token first, then size.
     *
     * @param  request       the headers authentication reads
     * @param  contentLength the Content-Length header as sent, or null
     * @return               the answer to refuse the request with (already recorded), or empty to let it on
     */
    public Optional<DeliveryAnswer> check(DeliveryAuthenticator.Request request, String contentLength) {
        Optional<DeliveryAnswer> refusal = authenticate(request);
        if (refusal.isEmpty()) {
            refusal = DeliveryRequestValidator.declaredTooLarge(contentLength);
        }
        refusal.ifPresent(answer -> recorder.refused(request.taskName(), DeliveryOutcome.ofRefusal(answer.status()),
                                                     answer.status(), answer.body()));
        return refusal;
    }

    private Optional<DeliveryAnswer> authenticate(DeliveryAuthenticator.Request request) {
        if (authenticator == null) {
            return Optional.empty();
        }
        try {
            return authenticator.authenticate(request);
        } catch (RuntimeException e) {
            // a failure of the check itself: the consumer authenticates again and answers it
            return Optional.empty();
        }
    }

    /**
     * Whether {@link #check} decides without fetching keys or checking a signature, so that an event loop may call
     * it in place; see {@link DeliveryAuthenticator#decidesWithoutKeys}.
     */
    public boolean decidesWithoutKeys(DeliveryAuthenticator.Request request) {
        return authenticator == null || authenticator.decidesWithoutKeys(request);
    }

    /** The largest body the consumer accepts; a gate stops reading a body of unknown length one byte after it. */
    public int maxBodyBytes() {
        return MAX_TASK_SIZE_BYTES;
    }
}
