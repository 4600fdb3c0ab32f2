package io.github.camelgcptasks.emulator.rest;

import com.google.api.HttpRule;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import java.util.Map;

/**
 * One HTTP binding of a gRPC method: its HTTP method and path template, and where the request body goes
 * ({@code "*"} the whole request, a field name that field, empty no body).
 *
 * @param httpMethod       GET, POST, PATCH, PUT or DELETE
 * @param path             the path template
 * @param bodyField        the {@code body} of the HttpRule
 * @param method           the gRPC method the binding calls
 * @param requestPrototype the request message type
 */
record RestRoute(String httpMethod, PathTemplate path, String bodyField, MethodDescriptor<Message, Message> method,
                 Message requestPrototype) {

    /** The route for one HttpRule (without its additional bindings). */
    static RestRoute of(HttpRule rule, MethodDescriptor<Message, Message> method, Message requestPrototype) {
        String template = switch (rule.getPatternCase()) {
            case GET -> rule.getGet();
            case POST -> rule.getPost();
            case PATCH -> rule.getPatch();
            case PUT -> rule.getPut();
            case DELETE -> rule.getDelete();
            default -> throw new IllegalArgumentException("Unsupported HttpRule for " + method.getFullMethodName()
                    + ": " + rule);
        };
        return new RestRoute(rule.getPatternCase().name(), PathTemplate.parse(template), rule.getBody(), method,
                requestPrototype);
    }

    /** The path variables by field path, or null when this route does not take the request. */
    Map<String, String> match(String httpMethod, String rawPath) {
        return this.httpMethod.equals(httpMethod) ? path.match(rawPath) : null;
    }

    @Override
    public String toString() {
        return httpMethod + " " + path + " -> " + method.getFullMethodName();
    }
}
