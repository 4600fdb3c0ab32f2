package io.github.camelgcptasks.emulator.rest;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.grpc.Status;
import java.util.Map;

/**
 * An error answered in Google's JSON error shape, {@code {"error": {"code": 404, "message": "...", "status":
 * "NOT_FOUND"}}}, with the HTTP status Google's APIs give each gRPC code.
 */
final class RestError extends Exception {

    private static final Gson JSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** google.rpc.Code to HTTP status, as google/rpc/code.proto documents it. */
    private static final Map<Status.Code, Integer> HTTP_STATUS = Map.ofEntries(
            Map.entry(Status.Code.OK, 200),
            Map.entry(Status.Code.CANCELLED, 499),
            Map.entry(Status.Code.UNKNOWN, 500),
            Map.entry(Status.Code.INVALID_ARGUMENT, 400),
            Map.entry(Status.Code.DEADLINE_EXCEEDED, 504),
            Map.entry(Status.Code.NOT_FOUND, 404),
            Map.entry(Status.Code.ALREADY_EXISTS, 409),
            Map.entry(Status.Code.PERMISSION_DENIED, 403),
            Map.entry(Status.Code.RESOURCE_EXHAUSTED, 429),
            Map.entry(Status.Code.FAILED_PRECONDITION, 400),
            Map.entry(Status.Code.ABORTED, 409),
            Map.entry(Status.Code.OUT_OF_RANGE, 400),
            Map.entry(Status.Code.UNIMPLEMENTED, 501),
            Map.entry(Status.Code.INTERNAL, 500),
            Map.entry(Status.Code.UNAVAILABLE, 503),
            Map.entry(Status.Code.DATA_LOSS, 500),
            Map.entry(Status.Code.UNAUTHENTICATED, 401));

    private final Status.Code code;

    RestError(Status.Code code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    static RestError invalidArgument(String message) {
        return new RestError(Status.Code.INVALID_ARGUMENT, message);
    }

    static RestError of(Status status) {
        return new RestError(status.getCode(), status.getDescription() == null ? "" : status.getDescription());
    }

    Status.Code code() {
        return code;
    }

    int httpStatus() {
        return HTTP_STATUS.getOrDefault(code, 500);
    }

    String toJson() {
        JsonObject error = new JsonObject();
        error.addProperty("code", httpStatus());
        error.addProperty("message", getMessage());
        error.addProperty("status", code.name());
        JsonObject root = new JsonObject();
        root.add("error", error);
        return JSON.toJson(root) + "\n";
    }
}
