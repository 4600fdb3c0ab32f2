package io.github.camelgcptasks.emulator.queue;

import com.google.rpc.Code;

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

    /** The canonical code (google.rpc.Code) Google maps this HTTP status to, for the attempt's response status. */
    public int rpcCode() {
        if (!responded) {
            return httpStatus == 504 ? Code.DEADLINE_EXCEEDED_VALUE : Code.UNAVAILABLE_VALUE;
        }
        if (httpStatus >= 200 && httpStatus < 300) {
            return Code.OK_VALUE;
        }
        return switch (httpStatus) {
            case 400 -> Code.INVALID_ARGUMENT_VALUE;
            case 401 -> Code.UNAUTHENTICATED_VALUE;
            case 403 -> Code.PERMISSION_DENIED_VALUE;
            case 404 -> Code.NOT_FOUND_VALUE;
            case 409 -> Code.ABORTED_VALUE;
            case 429 -> Code.RESOURCE_EXHAUSTED_VALUE;
            case 499 -> Code.CANCELLED_VALUE;
            case 501 -> Code.UNIMPLEMENTED_VALUE;
            case 503 -> Code.UNAVAILABLE_VALUE;
            case 504 -> Code.DEADLINE_EXCEEDED_VALUE;
            default -> httpStatus >= 500 ? Code.INTERNAL_VALUE
                    : httpStatus >= 400 ? Code.FAILED_PRECONDITION_VALUE : Code.UNKNOWN_VALUE;
        };
    }
}
