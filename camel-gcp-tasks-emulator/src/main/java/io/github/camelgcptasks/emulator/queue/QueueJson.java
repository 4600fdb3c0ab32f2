package io.github.camelgcptasks.emulator.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.tasks.v2.Queue;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads Queue resources in their REST JSON form, as {@code gcloud tasks queues describe Q --format=json} prints one
 * (camelCase names, durations as {@code "10s"}; the proto's snake_case names work too). Accepts one queue, an array
 * of them (what {@code gcloud tasks queues list --format=json} prints), or {@code {"queues": [...]}} (the REST
 * ListQueues answer). Fields are mapped by protobuf's JsonFormat; unknown fields are refused, so a typo is reported
 * rather than silently ignored.
 */
public final class QueueJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser();

    private QueueJson() {
    }

    /**
     * Parses the queues of a JSON document.
     *
     * @param origin where the document comes from, for messages (a file name, a flag)
     * @throws IllegalArgumentException naming the origin, the queue and the field that is wrong
     */
    public static List<Queue> parse(String json, String origin) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(origin + " is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException(origin + " is empty: it must hold a Queue resource or an array of them");
        }
        List<JsonNode> entries = new ArrayList<>();
        // a ListQueues answer: {"queues": [...], "nextPageToken": ...}; a Queue has no "queues" field
        JsonNode list = root.isObject() && root.has("queues") && !root.has("name") ? root.get("queues") : root;
        if (list.isArray()) {
            list.forEach(entries::add);
        } else {
            entries.add(list);
        }
        List<Queue> queues = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            queues.add(parseOne(entries.get(i), origin, i + 1));
        }
        return queues;
    }

    private static Queue parseOne(JsonNode entry, String origin, int position) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException(origin + ", queue " + position + ": a Queue must be a JSON object, not "
                    + entry.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        JsonNode name = entry.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw new IllegalArgumentException(origin + ", queue " + position
                    + ": \"name\" must be set to projects/PROJECT_ID/locations/LOCATION_ID/queues/QUEUE_ID");
        }
        try {
            return parse((ObjectNode) entry);
        } catch (InvalidProtocolBufferException e) {
            String field = failingField((ObjectNode) entry, UnaryOperator.identity());
            throw new IllegalArgumentException(origin + ", queue \"" + name.asText() + "\": "
                    + (field == null ? "" : "field " + field + ": ") + e.getMessage());
        }
    }

    private static Queue parse(ObjectNode json) throws InvalidProtocolBufferException {
        Queue.Builder queue = Queue.newBuilder();
        PARSER.merge(json.toString(), queue);
        return queue.build();
    }

    /**
     * JsonFormat's messages do not always say which field they are about ("Failed to parse duration"), so the
     * field is found by parsing each one alone, descending into objects: e.g. {@code retryConfig.maxBackoff}.
     *
     * @param wrap puts an object at {@code node}'s place in a whole queue document
     */
    private static String failingField(ObjectNode node, UnaryOperator<ObjectNode> wrap) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            ObjectNode alone = JSON.createObjectNode().set(field.getKey(), field.getValue());
            try {
                parse(wrap.apply(alone));
            } catch (InvalidProtocolBufferException e) {
                if (field.getValue() instanceof ObjectNode inner) {
                    String deeper = failingField(inner,
                            sub -> wrap.apply(JSON.createObjectNode().set(field.getKey(), sub)));
                    if (deeper != null) {
                        return field.getKey() + "." + deeper;
                    }
                }
                return field.getKey();
            }
        }
        return null;
    }
}
