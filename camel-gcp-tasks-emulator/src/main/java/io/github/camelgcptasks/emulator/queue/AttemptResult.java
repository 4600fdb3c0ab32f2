package io.github.camelgcptasks.emulator.queue;

/**
 * What one delivery attempt got back: an HTTP status, a dispatch deadline overrun, or no answer at all (connection
 * refused, reset, unknown host).
 *
 * @param httpStatus  the status the target answered, or the status the service reports instead: 504 after a deadline
 *                    overrun, 503 when no connection could be made
 * @param responded   whether the target sent an HTTP response
 * @param description a short text for the attempt's response status message
 */
public record AttemptResult(int httpStatus, boolean responded, String description) {

    public static AttemptResult response(int httpStatus) {
        return new AttemptResult(httpStatus, true, "HTTP status code " + httpStatus);
    }

    public static AttemptResult deadlineExceeded() {
        return new AttemptResult(504, false, "The dispatch deadline was exceeded before the target answered");
    }

    public static AttemptResult unreachable(String why) {
        return new AttemptResult(503, false, "The target could not be reached: " + why);
    }

    public boolean succeeded() {
        return responded && httpStatus >= 200 && httpStatus < 300;
    }

    /** Whether the attempt counts as an execution: a response that is not a 5xx. Timeouts never count. */
    public boolean countsAsExecution() {
        return responded && httpStatus < 500;
    }

    /** The canonical gRPC code (google.rpc.Code) Google maps this HTTP status to. */
    public int rpcCode() {
        if (!responded) {
            return httpStatus == 504 ? 4 /* DEADLINE_EXCEEDED */ : 14 /* UNAVAILABLE */;
        }
        if (httpStatus >= 200 && httpStatus < 300) {
            return 0;
        }
        return switch (httpStatus) {
            case 400 -> 3;   // INVALID_ARGUMENT
            case 401 -> 16;  // UNAUTHENTICATED
            case 403 -> 7;   // PERMISSION_DENIED
            case 404 -> 5;   // NOT_FOUND
            case 409 -> 10;  // ABORTED
            case 429 -> 8;   // RESOURCE_EXHAUSTED
            case 499 -> 1;   // CANCELLED
            case 501 -> 12;  // UNIMPLEMENTED
            case 503 -> 14;  // UNAVAILABLE
            case 504 -> 4;   // DEADLINE_EXCEEDED
            default -> httpStatus >= 500 ? 13 /* INTERNAL */ : httpStatus >= 400 ? 9 /* FAILED_PRECONDITION */ : 2;
        };
    }
}
