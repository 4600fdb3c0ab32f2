package io.github.camelgcptasks.component.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes the option and header tables of the component's AsciiDoc reference from the metadata Camel's tooling
 * generates ({@code gcp-tasks.json}). Only the text between marker comments is replaced:
 *
 * <pre>
 * // component-options: START
 * // component-options: END
 * // endpoint-options: START
 * // endpoint-options: END
 * // message-headers: START
 * // message-headers: END
 * </pre>
 *
 * The markers differ from Apache Camel's own ({@code // component options: START}) on purpose: Camel's
 * {@code update-readme} goal fills those with Antora {@code include::partial$...} lines, which render only on the
 * Camel website. Run by the component module's build ({@code exec-maven-plugin}, phase {@code process-test-classes}),
 * so every build leaves the tables in step with the annotations; commit the refreshed page with the code change.
 *
 * <p>
 * Usage: {@code ComponentDocTables <gcp-tasks.json> <page.adoc>}
 */
public final class ComponentDocTables {

    private static final String[] TABLE_HEADER = {
            "[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]",
            "|===",
            "| Name | Description | Default | Type" };

    private ComponentDocTables() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ComponentDocTables <component json> <adoc page>");
        }
        Path json = Path.of(args[0]);
        Path page = Path.of(args[1]);
        String before = Files.readString(page, StandardCharsets.UTF_8);
        String after = update(before, new ObjectMapper().readTree(json.toFile()));
        if (!after.equals(before)) {
            Files.writeString(page, after, StandardCharsets.UTF_8);
            System.out.println("Updated the option and header tables of " + page.getFileName());
        }
    }

    /** The page with every marked section rewritten from the metadata. */
    public static String update(String page, JsonNode metadata) {
        String title = metadata.path("component").path("title").asText();
        String result = page;
        result = replaceSection(result, "component-options", componentOptions(title, metadata.path("componentProperties")));
        result = replaceSection(result, "endpoint-options",
                                endpointOptions(title, metadata.path("component").path("syntax").asText(),
                                                metadata.path("properties")));
        result = replaceSection(result, "message-headers", headers(title, metadata.path("headers")));
        return result;
    }

    static String replaceSection(String page, String name, List<String> lines) {
        String start = "// " + name + ": START";
        String end = "// " + name + ": END";
        int from = page.indexOf(start);
        int to = page.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("the page lacks the markers '" + start + "' and '" + end + "'");
        }
        StringBuilder body = new StringBuilder(start).append('\n');
        for (String line : lines) {
            body.append(line).append('\n');
        }
        return page.substring(0, from) + body + page.substring(to);
    }

    static List<String> componentOptions(String title, JsonNode options) {
        List<String> lines = new ArrayList<>();
        lines.add("The " + title + " component supports " + options.size() + " options, which are listed below.");
        lines.add("");
        optionTable(lines, options, option -> true);
        return lines;
    }

    static List<String> endpointOptions(String title, String syntax, JsonNode options) {
        List<String> lines = new ArrayList<>();
        Predicate<JsonNode> isPath = option -> "path".equals(option.path("kind").asText());
        long pathCount = count(options, isPath);
        long queryCount = options.size() - pathCount;
        lines.add("The " + title + " endpoint is configured using URI syntax:");
        lines.add("");
        lines.add("----");
        lines.add(syntax);
        lines.add("----");
        lines.add("");
        lines.add("With the following path and query parameters:");
        lines.add("");
        lines.add("=== Path Parameters (" + pathCount + " parameters)");
        lines.add("");
        optionTable(lines, options, isPath);
        lines.add("");
        lines.add("=== Query Parameters (" + queryCount + " parameters)");
        lines.add("");
        optionTable(lines, options, isPath.negate());
        return lines;
    }

    static List<String> headers(String title, JsonNode headers) {
        List<String> lines = new ArrayList<>();
        lines.add("The " + title + " component supports " + headers.size() + " message headers, which are listed below.");
        lines.add("");
        lines.add("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]");
        lines.add("|===");
        lines.add("| Name | Description | Default | Type");
        for (Map.Entry<String, JsonNode> entry : headers.properties()) {
            JsonNode header = entry.getValue();
            String label = header.path("label").asText(header.path("group").asText());
            String description = prose(header.path("description").asText());
            String constant = header.path("constantName").asText();
            if (!constant.isEmpty()) {
                String simple = constant.substring(constant.lastIndexOf('.') + 1).replace('#', '.');
                description = description + " Constant: `" + simple + "`.";
            }
            description = withEnums(description, header);
            lines.add("| *" + entry.getKey() + "* (" + label.replace(",", ", ") + ") | " + cell(description)
                      + " | " + defaultOf(header) + " | " + typeOf(header));
        }
        lines.add("|===");
        return lines;
    }

    private static void optionTable(List<String> lines, JsonNode options, Predicate<JsonNode> filter) {
        for (String line : TABLE_HEADER) {
            lines.add(line);
        }
        for (Map.Entry<String, JsonNode> entry : options.properties()) {
            JsonNode option = entry.getValue();
            if (!filter.test(option)) {
                continue;
            }
            StringBuilder description = new StringBuilder();
            if (option.path("required").asBoolean()) {
                description.append("*Required* ");
            }
            if (option.path("autowired").asBoolean()) {
                description.append("*Autowired* ");
            }
            if (option.path("deprecated").asBoolean()) {
                description.append("*Deprecated* ");
            }
            description.append(withEnums(prose(option.path("description").asText()), option));
            lines.add("| *" + entry.getKey() + "* (" + option.path("group").asText() + ") | " + cell(description.toString())
                      + " | " + defaultOf(option) + " | " + typeOf(option));
        }
        lines.add("|===");
    }

    private static String withEnums(String description, JsonNode node) {
        JsonNode enums = node.path("enum");
        if (!enums.isArray() || enums.isEmpty()) {
            return description;
        }
        List<String> values = new ArrayList<>();
        enums.forEach(value -> values.add("`" + value.asText() + "`"));
        return description + " Values: " + String.join(", ", values) + ".";
    }

    private static String defaultOf(JsonNode node) {
        JsonNode value = node.get("defaultValue");
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            return "";
        }
        return "`" + value.asText() + "`";
    }

    private static String typeOf(JsonNode node) {
        String type = node.path("type").asText();
        if ("duration".equals(type)) {
            return "duration";
        }
        String javaType = node.path("javaType").asText();
        int generic = javaType.indexOf('<');
        String raw = generic < 0 ? javaType : javaType.substring(0, generic);
        return raw.substring(raw.lastIndexOf('.') + 1);
    }

    private static long count(JsonNode options, Predicate<JsonNode> filter) {
        long n = 0;
        for (JsonNode option : options) {
            if (filter.test(option)) {
                n++;
            }
        }
        return n;
    }

    /** A description as text, not markup: a * such as in X-CloudTasks-* must not start bold text. */
    static String prose(String text) {
        return text.replace("*", "\\*");
    }

    /** Text safe inside an AsciiDoc table cell: no cell separators, no attribute references, one line. */
    static String cell(String text) {
        return text.replace("|", "\\|")
                .replace("{", "\\{")
                .replace("\r", " ")
                .replace("\n", " ")
                .strip();
    }
}
