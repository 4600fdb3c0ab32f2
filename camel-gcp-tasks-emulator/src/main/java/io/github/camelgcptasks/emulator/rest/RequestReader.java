package io.github.camelgcptasks.emulator.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the gRPC request of an HTTP call the way Google's HTTP/JSON transcoding does: the body goes to the rule's
 * {@code body} field (or is the whole request for {@code "*"}), each path variable and query parameter to the field
 * it names. All of it is gathered into one proto3 JSON document and parsed with protobuf's {@link JsonFormat}, which
 * refuses unknown fields, so names, durations, timestamps, bytes and enums follow the proto3 JSON mapping exactly.
 */
final class RequestReader {

    /** Google's system parameters: accepted on every call and not bound to the request. */
    private static final Set<String> SYSTEM_PARAMETERS = Set.of("alt", "$alt", "prettyPrint", "$prettyPrint",
            "fields", "$fields", "key", "access_token", "oauth_token", "callback", "$callback", "quotaUser",
            "userIp", "upload_protocol", "uploadType", "$.xgafv", "trace");

    /** Message types proto3 JSON writes as one string, so a query parameter can carry them. */
    private static final Set<String> SCALAR_MESSAGES = Set.of("google.protobuf.FieldMask", "google.protobuf.Duration",
            "google.protobuf.Timestamp", "google.protobuf.StringValue", "google.protobuf.BytesValue",
            "google.protobuf.BoolValue", "google.protobuf.Int32Value", "google.protobuf.Int64Value",
            "google.protobuf.UInt32Value", "google.protobuf.UInt64Value", "google.protobuf.FloatValue",
            "google.protobuf.DoubleValue");

    private static final JsonFormat.Parser PARSER = JsonFormat.parser();

    private RequestReader() {
    }

    static Message read(RestRoute route, Map<String, String> pathVariables, Map<String, List<String>> query,
                        String body) throws RestError {
        Descriptor type = route.requestPrototype().getDescriptorForType();
        JsonObject request = new JsonObject();
        if (!route.bodyField().isEmpty()) {
            JsonElement parsed = parse(body);
            if (route.bodyField().equals("*")) {
                if (!parsed.isJsonObject()) {
                    throw RestError.invalidArgument("Invalid JSON payload received. Unknown name \"\": Root element "
                            + "must be a message.");
                }
                request = parsed.getAsJsonObject();
            } else {
                request.add(route.bodyField(), parsed);
            }
        }
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (SYSTEM_PARAMETERS.contains(parameter.getKey())) {
                continue;
            }
            List<FieldDescriptor> path = resolve(type, parameter.getKey());
            FieldDescriptor leaf = path == null ? null : path.get(path.size() - 1);
            if (leaf == null || leaf.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && !SCALAR_MESSAGES.contains(leaf.getMessageType().getFullName())) {
                throw RestError.invalidArgument("Invalid JSON payload received. Unknown name \"" + parameter.getKey()
                        + "\": Cannot bind query parameter. Field '" + parameter.getKey()
                        + "' could not be found in request message.");
            }
            JsonElement value;
            if (leaf.isRepeated()) {
                JsonArray values = new JsonArray();
                parameter.getValue().forEach(values::add);
                value = values;
            } else {
                value = new JsonPrimitive(parameter.getValue().get(parameter.getValue().size() - 1));
            }
            put(request, path, value);
        }
        for (Map.Entry<String, String> variable : pathVariables.entrySet()) {
            List<FieldDescriptor> path = resolve(type, variable.getKey());
            if (path == null) {
                throw new IllegalStateException("The HTTP rule of " + route + " binds the unknown field "
                        + variable.getKey());
            }
            put(request, path, new JsonPrimitive(variable.getValue()));
        }
        Message.Builder builder = route.requestPrototype().newBuilderForType();
        try {
            PARSER.merge(request.toString(), builder);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw RestError.invalidArgument(FieldErrorLocator.describe(type, request, e));
        }
        return builder.build();
    }

    /** The body as JSON, strictly (no comments, single quotes or trailing data); an empty body is {@code {}}. */
    private static JsonElement parse(String body) throws RestError {
        if (body.isBlank()) {
            return new JsonObject();
        }
        try {
            JsonReader reader = new JsonReader(new StringReader(body));
            reader.setStrictness(Strictness.STRICT);
            JsonElement parsed = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("Unexpected data after the JSON value at " + reader.getPath());
            }
            return parsed;
        } catch (JsonParseException | IOException e) {
            String message = e.getCause() != null && e instanceof JsonParseException ? e.getCause().getMessage()
                    : e.getMessage();
            throw RestError.invalidArgument("Invalid JSON payload received. " + message);
        }
    }

    /** The fields a dotted path (proto or JSON names) goes through, or null when one does not exist. */
    static List<FieldDescriptor> resolve(Descriptor type, String dottedPath) {
        List<FieldDescriptor> fields = new ArrayList<>();
        Descriptor at = type;
        for (String segment : dottedPath.split("\\.", -1)) {
            FieldDescriptor field = at == null ? null : field(at, segment);
            if (field == null) {
                return null;
            }
            fields.add(field);
            at = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()
                    ? field.getMessageType() : null;
        }
        return fields;
    }

    /** A field by its proto name or its JSON name, as proto3 JSON accepts both. */
    static FieldDescriptor field(Descriptor type, String name) {
        FieldDescriptor field = type.findFieldByName(name);
        if (field != null) {
            return field;
        }
        for (FieldDescriptor candidate : type.getFields()) {
            if (candidate.getJsonName().equals(name)) {
                return candidate;
            }
        }
        return null;
    }

    /** Sets {@code value} at the field path, creating the objects on the way and replacing what was there. */
    private static void put(JsonObject root, List<FieldDescriptor> path, JsonElement value) {
        JsonObject at = root;
        for (int i = 0; i < path.size() - 1; i++) {
            FieldDescriptor field = path.get(i);
            JsonElement child = at.has(field.getName()) ? at.get(field.getName()) : at.get(field.getJsonName());
            if (child == null || !child.isJsonObject()) {
                child = new JsonObject();
                at.remove(field.getJsonName());
                at.add(field.getName(), child);
            }
            at = child.getAsJsonObject();
        }
        FieldDescriptor leaf = path.get(path.size() - 1);
        at.remove(leaf.getJsonName());
        at.add(leaf.getName(), value);
    }
}
