package io.github.camelgcptasks.emulator.queue;

import com.google.rpc.Code;

/**
 * What one delivery attempt got back: an HTTP status, a dispatch deadline overrun, or no answer at all (connection
 * refused, reset, unknown host).
 *
 * @param httpStatus  the status the target answered, or the status the service reports instead: 504 after a deadline
 *                    overrun, 503 when no connection could be made
 * @param responded   whether the target sent an HTTP response
 * @param description what happened, for the attempt's response status message
 */
public record AttemptResult(int httpStatus, boolean responded, String description) {

    /** Retry reason of App Engine attempts after an answer that was not a 2xx (recorded from the service). */
    public static final String APP_ENGINE_APP_ERROR = "App Error";
    /** Retry reason of App Engine attempts after no answer in time. */
    public static final String APP_ENGINE_INSTANCE_UNAVAILABLE = "Instance Unavailable";

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

    /**
     * Whether the attempt counts in the execution count: for HTTP targets a response that is not a 5xx, for App Engine
     * targets any response (both recorded from the service). Attempts without an answer never count.
     */
    public boolean countsAsExecution(boolean appEngine) {
        return responded && (appEngine || httpStatus < 500);
    }

    /** The retry reason header of the next attempt: empty for HTTP targets, App Engine's reason otherwise. */
    public String retryReason(boolean appEngine) {
        if (!appEngine) {
            return "";
        }
        return responded ? APP_ENGINE_APP_ERROR : APP_ENGINE_INSTANCE_UNAVAILABLE;
    }

    /** The response status message in the service's form, code name and number first: {@code NOT_FOUND(5): ...}. */
    public String statusMessage() {
        int code = rpcCode();
        return Code.forNumber(code).name() + "(" + code + "): " + description;
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
