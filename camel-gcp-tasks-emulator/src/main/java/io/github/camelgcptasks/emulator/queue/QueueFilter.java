package io.github.camelgcptasks.emulator.queue;

import com.google.cloud.tasks.v2.Queue;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code filter} of ListQueues: comparisons of a Queue field with a value, in the form of Logging's filters, such
 * as {@code state: PAUSED}, {@code state != RUNNING}, {@code rate_limits.max_dispatches_per_second > 10} or
 * {@code name: "orders"}, joined by {@code AND} and {@code OR} ({@code OR} binds tighter, as in Logging).
 *
 * <p>Fields are named by their proto or JSON names, nested with dots; only numbers, strings, booleans and enums can
 * be compared. {@code :} means "contains" for strings and "equals" otherwise.
 */
final class QueueFilter {

    private static final Pattern COMPARISON = Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*(<=|>=|!=|=|<|>|:)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s\"]+)\\s*");

    private QueueFilter() {
    }

    /** Parses a filter; an empty one matches every queue. */
    static Predicate<Queue> parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return queue -> true;
        }
        Predicate<Queue> all = queue -> true;
        for (String conjunct : split(filter, "AND")) {
            Predicate<Queue> any = queue -> false;
            for (String comparison : split(conjunct, "OR")) {
                any = any.or(comparison(comparison, filter));
            }
            all = all.and(any);
        }
        return all;
    }

    /** Splits on a keyword outside quotes. */
    private static List<String> split(String text, String keyword) {
        List<String> parts = new ArrayList<>();
        Matcher words = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|\\s" + keyword + "\\s").matcher(text);
        int start = 0;
        while (words.find()) {
            if (!words.group().startsWith("\"")) {
                parts.add(text.substring(start, words.start()));
                start = words.end();
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static Predicate<Queue> comparison(String text, String filter) {
        Matcher m = COMPARISON.matcher(text);
        if (!m.matches()) {
            throw TasksException.invalidArgument("Invalid filter \"" + filter + "\": \"" + text.strip()
                    + "\" is not of the form FIELD OPERATOR VALUE, with one of the operators <=, <, >=, >, !=, =, :");
        }
        List<FieldDescriptor> path = path(m.group(1), filter);
        String operator = m.group(2);
        String value = m.group(3).startsWith("\"")
                ? m.group(3).substring(1, m.group(3).length() - 1).replaceAll("\\\\(.)", "$1") : m.group(3);
        FieldDescriptor field = path.get(path.size() - 1);
        return queue -> {
            Object actual = valueOf(queue, path);
            return test(field, actual, operator, value, filter);
        };
    }

    private static List<FieldDescriptor> path(String dotted, String filter) {
        List<FieldDescriptor> path = new ArrayList<>();
        com.google.protobuf.Descriptors.Descriptor type = Queue.getDescriptor();
        for (String name : dotted.split("\\.")) {
            FieldDescriptor field = type == null ? null : findField(type, name);
            if (field == null || field.isRepeated()) {
                throw TasksException.invalidArgument("Invalid filter \"" + filter + "\": Queue has no field \""
                        + dotted + "\" that can be compared");
            }
            path.add(field);
            type = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? field.getMessageType() : null;
        }
        if (type != null) {
            throw TasksException.invalidArgument("Invalid filter \"" + filter + "\": \"" + dotted + "\" is a message; "
                    + "compare one of its fields");
        }
        return path;
    }

    private static FieldDescriptor findField(com.google.protobuf.Descriptors.Descriptor type, String name) {
        FieldDescriptor field = type.findFieldByName(name);
        if (field == null) {
            field = type.getFields().stream().filter(f -> f.getJsonName().equals(name)).findFirst().orElse(null);
        }
        return field;
    }

    private static Object valueOf(Message message, List<FieldDescriptor> path) {
        Message current = message;
        for (int i = 0; i < path.size() - 1; i++) {
            current = (Message) current.getField(path.get(i));
        }
        return current.getField(path.get(path.size() - 1));
    }

    private static boolean test(FieldDescriptor field, Object actual, String operator, String value, String filter) {
        int order;
        switch (field.getJavaType()) {
            case ENUM -> {
                EnumValueDescriptor expected = field.getEnumType().findValueByName(value.toUpperCase(Locale.ROOT));
                if (expected == null) {
                    throw TasksException.invalidArgument("Invalid filter \"" + filter + "\": \"" + value
                            + "\" is not a value of " + field.getName());
                }
                order = Integer.compare(((EnumValueDescriptor) actual).getNumber(), expected.getNumber());
            }
            case STRING -> {
                if (operator.equals(":")) {
                    return ((String) actual).contains(value);
                }
                order = ((String) actual).compareTo(value);
            }
            case BOOLEAN -> order = Boolean.compare((Boolean) actual, Boolean.parseBoolean(value));
            case INT, LONG, FLOAT, DOUBLE -> {
                double expected;
                try {
                    expected = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw TasksException.invalidArgument("Invalid filter \"" + filter + "\": " + field.getName()
                            + " is a number, \"" + value + "\" is not");
                }
                order = Double.compare(((Number) actual).doubleValue(), expected);
            }
            default -> throw TasksException.invalidArgument("Invalid filter \"" + filter + "\": " + field.getName()
                    + " cannot be compared");
        }
        return switch (operator) {
            case "=", ":" -> order == 0;
            case "!=" -> order != 0;
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            case ">=" -> order >= 0;
            default -> throw new IllegalStateException(operator);
        };
    }
}
