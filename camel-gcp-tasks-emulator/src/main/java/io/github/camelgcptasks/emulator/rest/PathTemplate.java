package io.github.camelgcptasks.emulator.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code google.api.http} path template such as {@code /v2/{parent=projects/*}/locations} or
 * {@code /v2/{name=projects/*}/queues/*}:purge}, compiled to a pattern that binds each variable to its request field.
 *
 * <p>{@code *} matches one path segment, {@code **} any number; a variable without a pattern is one segment. The
 * last segment of a template without a custom verb does not match a {@code :}, so {@code .../queues/q:purge} never
 * reaches GetQueue as a queue named {@code q:purge}.
 */
final class PathTemplate {

    private static final Pattern VARIABLE = Pattern.compile("\\{([a-zA-Z0-9_.]+)(?:=([^}]*))?}");

    private final String template;
    private final Pattern pattern;
    private final List<String> fieldPaths;

    private PathTemplate(String template, Pattern pattern, List<String> fieldPaths) {
        this.template = template;
        this.pattern = pattern;
        this.fieldPaths = fieldPaths;
    }

    static PathTemplate parse(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("Path template must start with '/': " + template);
        }
        String tail = template.substring(Math.max(template.lastIndexOf('/'), template.lastIndexOf('}')) + 1);
        boolean hasVerb = tail.contains(":");
        StringBuilder regex = new StringBuilder();
        List<String> fields = new ArrayList<>();
        Matcher variable = VARIABLE.matcher(template);
        int at = 0;
        while (variable.find()) {
            regex.append(literal(template.substring(at, variable.start()), hasVerb));
            String segments = variable.group(2) == null ? "*" : variable.group(2);
            boolean last = !hasVerb && variable.end() == template.length();
            regex.append('(').append(segmentsRegex(segments, last)).append(')');
            fields.add(variable.group(1));
            at = variable.end();
        }
        regex.append(literal(template.substring(at), hasVerb));
        return new PathTemplate(template, Pattern.compile(regex.toString()), List.copyOf(fields));
    }

    /** The variables' values by field path (percent-decoded), or null when the path does not match. */
    Map<String, String> match(String rawPath) {
        Matcher m = pattern.matcher(rawPath);
        if (!m.matches()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < fieldPaths.size(); i++) {
            // '+' is a literal plus in a path, unlike in a query string
            values.put(fieldPaths.get(i), URLDecoder.decode(m.group(i + 1).replace("+", "%2B"),
                    StandardCharsets.UTF_8));
        }
        return values;
    }

    @Override
    public String toString() {
        return template;
    }

    private static String literal(String text, boolean hasVerb) {
        // literal segments may themselves hold wildcards outside variables, e.g. /v2/projects/*/locations
        StringBuilder out = new StringBuilder();
        String[] parts = text.split("(?<=/)|(?=/)");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.equals("*") || part.equals("**")) {
                out.append(segmentsRegex(part, !hasVerb && i == parts.length - 1));
            } else if (!part.isEmpty()) {
                out.append(Pattern.quote(part));
            }
        }
        return out.toString();
    }

    private static String segmentsRegex(String segments, boolean lastOfPath) {
        StringBuilder out = new StringBuilder();
        String[] parts = segments.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            boolean last = lastOfPath && i == parts.length - 1;
            switch (parts[i]) {
                case "*" -> out.append(last ? "[^/:]+" : "[^/]+");
                case "**" -> out.append(last ? "[^:]+" : ".+");
                default -> out.append(Pattern.quote(parts[i]));
            }
        }
        return out.toString();
    }
}
