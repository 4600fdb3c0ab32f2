package io.github.camelgcptasks.component.consumer;

/**
 * How the consumer answered a delivery, as counted per consumer ({@link DeliveryCounts}), in metrics and in the
 * {@code gcp-tasks} dev console. The refusals are answered before the route runs.
 */
public enum DeliveryOutcome {

    /** The route processed the delivery and answered 2xx: Cloud Tasks completes the task. */
    ACCEPTED("accepted", false),
    /** The route failed, or answered other than 2xx: Cloud Tasks retries the task. */
    FAILED("failed", false),
    /** The route failed on the last allowed attempt and the delivery went to deadLetterUri: answered 200. */
    DEAD_LETTERED("deadLettered", false),
    /** The idempotent repository knows the task as processed: answered 200 without routing. */
    DUPLICATE("duplicate", false),
    /** Refused with 401: no token, or one that is not valid or not for this consumer. */
    UNAUTHENTICATED("unauthenticated", true),
    /** Refused with 403: a valid token of an account that is not allowed. */
    FORBIDDEN("forbidden", true),
    /** Refused with 400: delivery headers missing, malformed or for another queue. */
    INVALID_HEADERS("invalidHeaders", true),
    /** Refused with 413: a body over Cloud Tasks' 1 MB limit. */
    TOO_LARGE("tooLarge", true),
    /** Refused with 415: a declared body the HTTP engine did not pass on. */
    UNREADABLE_BODY("unreadableBody", true),
    /** Refused with 409: the same task is being processed by this consumer. */
    IN_PROGRESS("inProgress", true),
    /** Refused with 503: the consumer is suspended or stopping. */
    SUSPENDED("suspended", true),
    /** Answered 500 without routing: the body could not be unmarshalled to unmarshalType. */
    NOT_UNMARSHALLED("notUnmarshalled", true),
    /** Answered 500: the consumer itself failed (idempotent repository, dead letter endpoint, ...). */
    ERROR("error", false);

    private final String id;
    private final boolean refusal;

    DeliveryOutcome(String id, boolean refusal) {
        this.id = id;
        this.refusal = refusal;
    }

    /** The name of this outcome in metrics tags, the dev console and events, e.g. {@code deadLettered}. */
    public String id() {
        return id;
    }

    /** Whether the delivery was answered without running the route, for a reason other than a duplicate. */
    public boolean isRefusal() {
        return refusal;
    }

    /** The refusal an answer written before the route ran stands for, from its status. */
    static DeliveryOutcome ofRefusal(int status) {
        return switch (status) {
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 400 -> INVALID_HEADERS;
            case 413 -> TOO_LARGE;
            case 415 -> UNREADABLE_BODY;
            case 409 -> IN_PROGRESS;
            case 503 -> SUSPENDED;
            default -> ERROR;
        };
    }
}
