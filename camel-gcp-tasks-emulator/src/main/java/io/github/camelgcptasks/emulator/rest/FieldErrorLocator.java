package io.github.camelgcptasks.emulator.rest;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.util.Map;

/**
 * Names the field a proto3 JSON document failed on, as Google's front end does ({@code Unknown name "x" at
 * 'queue.rate_limits'}, {@code Invalid value at 'queue.rate_limits.max_attempts' (TYPE_INT32), "ten"}).
 * {@link JsonFormat} reports the problem but not where it is, so each field is parsed on its own, with JsonFormat,
 * descending into nested messages until the failing one is found.
 */
final class FieldErrorLocator {

    private static final JsonFormat.Parser PARSER = JsonFormat.parser();
    private static final int MAX_VALUE_SHOWN = 100;

    private FieldErrorLocator() {
    }

    /** A message naming the failing field, or JsonFormat's own message when no single field is to blame. */
    static String describe(Descriptor type, JsonObject document, Exception failure) {
        String located = locate(type, document, "");
        return located != null ? located : "Invalid JSON payload received. " + failure.getMessage();
    }

    private static String locate(Descriptor type, JsonObject object, String at) {
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            FieldDescriptor field = RequestReader.field(type, entry.getKey());
            if (field == null) {
                return "Invalid JSON payload received. Unknown name \"" + entry.getKey() + "\""
                        + (at.isEmpty() ? "" : " at '" + at + "'") + ": Cannot find field.";
            }
            String path = at.isEmpty() ? field.getName() : at + "." + field.getName();
            JsonElement value = entry.getValue();
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isMapField()
                    && !field.getMessageType().getFullName().startsWith("google.protobuf.")) {
                String nested = null;
                if (!field.isRepeated() && value.isJsonObject()) {
                    nested = locate(field.getMessageType(), value.getAsJsonObject(), path);
                } else if (field.isRepeated() && value.isJsonArray()) {
                    for (int i = 0; i < value.getAsJsonArray().size() && nested == null; i++) {
                        JsonElement element = value.getAsJsonArray().get(i);
                        if (element.isJsonObject()) {
                            nested = locate(field.getMessageType(), element.getAsJsonObject(), path + "[" + i + "]");
                        }
                    }
                }
                if (nested != null) {
                    return nested;
                }
            }
            if (!parsesAlone(type, entry.getKey(), value)) {
                return "Invalid value at '" + path + "' (" + field.toProto().getType().name() + "), "
                        + abbreviate(value.toString());
            }
        }
        return null;
    }

    private static boolean parsesAlone(Descriptor type, String name, JsonElement value) {
        JsonObject single = new JsonObject();
        single.add(name, value);
        try {
            PARSER.merge(single.toString(), DynamicMessage.newBuilder(type));
            return true;
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return false;
        }
    }

    private static String abbreviate(String value) {
        return value.length() > MAX_VALUE_SHOWN ? value.substring(0, MAX_VALUE_SHOWN) + "..." : value;
    }
}
