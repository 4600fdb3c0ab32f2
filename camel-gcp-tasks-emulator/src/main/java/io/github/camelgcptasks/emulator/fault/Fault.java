package io.github.camelgcptasks.emulator.fault;

import com.google.cloud.tasks.v2.CloudTasksGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fault to inject into one RPC of the CloudTasks service (or all of them): an error status instead of the
 * answer, or the answer held back by a delay, for every call or a share of the calls. Written as
 * {@code RPC=ACTION[:SHARE]}:
 *
 * <ul>
 *   <li>{@code RPC}: a CloudTasks method as in the API, {@code CreateTask}, or {@code *} for every method;</li>
 *   <li>{@code ACTION}: a gRPC status code ({@code UNAVAILABLE}, {@code RESOURCE_EXHAUSTED}, ...) answered
 *       instead of calling the method, or {@code delay:DURATION} ({@code 200ms}, {@code 2s}, {@code 1m}): the call
 *       takes effect at once and its answer is sent that much later;</li>
 *   <li>{@code SHARE}: omitted for every call; {@code A/B} for exactly A of every B calls, evenly spread
 *       ({@code 1/5}: the 5th, 10th, ... call); or {@code 0.2} / {@code 20%} for calls picked by a pseudo-random
 *       sequence from a fixed seed, so the same calls in the same order meet the same faults in every run.</li>
 * </ul>
 *
 * <p>Examples: {@code CreateTask=UNAVAILABLE:0.2}, {@code CreateTask=delay:200ms:1/2}, {@code *=INTERNAL:1/10}.
 */
public final class Fault {

    /** Stands for every method of the service. */
    public static final String ANY_METHOD = "*";

    private static final Map<String, String> METHODS = methodsByLowerCaseName();
    private static final Pattern DELAY = Pattern.compile("(\\d+)(ms|s|m)");

    private sealed interface Share permits Every, Spread, Sampled {
        boolean selects(long call, Random random);
    }

    private record Every() implements Share {
        public boolean selects(long call, Random random) {
            return true;
        }

        @Override
        public String toString() {
            return "";
        }
    }

    /** {@code calls} of every {@code outOf} calls: call k is chosen when floor(k * calls / outOf) grows at k. */
    private record Spread(int calls, int outOf) implements Share {
        public boolean selects(long call, Random random) {
            return call * calls / outOf > (call - 1) * calls / outOf;
        }

        @Override
        public String toString() {
            return ":" + calls + "/" + outOf;
        }
    }

    private record Sampled(double share) implements Share {
        public boolean selects(long call, Random random) {
            return random.nextDouble() < share;
        }

        @Override
        public String toString() {
            return ":" + share;
        }
    }

    private final String method;
    private final Status.Code status;
    private final Duration delay;
    private final Share share;

    private Fault(String method, Status.Code status, Duration delay, Share share) {
        this.method = method;
        this.status = status;
        this.delay = delay;
        this.share = share;
    }

    /** Every call of {@code method} is answered with {@code code}. */
    public static Fault status(String method, Status.Code code) {
        Objects.requireNonNull(code, "code");
        if (code == Status.Code.OK) {
            throw new IllegalArgumentException("A fault needs an error status, not OK");
        }
        return new Fault(canonicalMethod(method), code, null, new Every());
    }

    /** Every answer of {@code method} is sent {@code delay} late; the call itself takes effect at once. */
    public static Fault delay(String method, Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("A fault's delay must be positive (was " + delay + ")");
        }
        return new Fault(canonicalMethod(method), null, delay, new Every());
    }

    /** This fault for exactly {@code calls} of every {@code outOf} calls, evenly spread. */
    public Fault spread(int calls, int outOf) {
        if (calls < 1 || outOf < calls) {
            throw new IllegalArgumentException("A fault's share A/B needs 1 <= A <= B (was " + calls + "/" + outOf
                    + ")");
        }
        return new Fault(method, status, delay, new Spread(calls, outOf));
    }

    /** This fault for a pseudo-random share of the calls, above 0 and at most 1, drawn from a seeded sequence. */
    public Fault share(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("A fault's share must be above 0 and at most 1 (was " + share + ")");
        }
        return new Fault(method, status, delay, new Sampled(share));
    }

    /**
     * Reads {@code RPC=ACTION[:SHARE]}, e.g. {@code CreateTask=UNAVAILABLE:0.2} or {@code GetQueue=delay:200ms:1/2}.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static Fault parse(String spec) {
        try {
            return parseParts(spec.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid fault \"" + spec + "\": " + e.getMessage()
                    + "; write RPC=STATUS[:SHARE] or RPC=delay:DURATION[:SHARE], e.g. CreateTask=UNAVAILABLE:0.2 "
                    + "or CreateTask=delay:200ms:1/2", e);
        }
    }

    private static Fault parseParts(String spec) {
        int equals = spec.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("no '=' between the RPC and the action");
        }
        String method = spec.substring(0, equals).trim();
        String[] parts = spec.substring(equals + 1).split(":", -1);
        Fault fault;
        int next;
        if (parts[0].equalsIgnoreCase("delay")) {
            if (parts.length < 2) {
                throw new IllegalArgumentException("delay needs a duration such as delay:200ms");
            }
            fault = delay(method, duration(parts[1]));
            next = 2;
        } else {
            fault = status(method, statusCode(parts[0]));
            next = 1;
        }
        if (parts.length > next + 1) {
            throw new IllegalArgumentException("too many parts after the action");
        }
        return parts.length == next ? fault : fault.withShare(parts[next].trim());
    }

    private Fault withShare(String text) {
        int slash = text.indexOf('/');
        try {
            if (slash > 0) {
                return spread(Integer.parseInt(text.substring(0, slash).trim()),
                        Integer.parseInt(text.substring(slash + 1).trim()));
            }
            if (text.endsWith("%")) {
                return share(Double.parseDouble(text.substring(0, text.length() - 1)) / 100);
            }
            return share(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("share \"" + text + "\" is not A/B, a number such as 0.2 or a "
                    + "percentage such as 20%");
        }
    }

    private static Duration duration(String text) {
        Matcher matcher = DELAY.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("duration \"" + text + "\" is not a whole number of ms, s or m, "
                    + "such as 200ms");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    private static Status.Code statusCode(String text) {
        try {
            return Status.Code.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" is neither delay nor a gRPC status code such as "
                    + "UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, INTERNAL");
        }
    }

    private static String canonicalMethod(String method) {
        Objects.requireNonNull(method, "method");
        if (method.equals(ANY_METHOD)) {
            return method;
        }
        String canonical = METHODS.get(method.toLowerCase(Locale.ROOT));
        if (canonical == null) {
            throw new IllegalArgumentException("\"" + method + "\" is not a method of CloudTasks; use * or one of "
                    + String.join(", ", METHODS.values()));
        }
        return canonical;
    }

    private static Map<String, String> methodsByLowerCaseName() {
        Map<String, String> methods = new TreeMap<>();
        for (MethodDescriptor<?, ?> method : CloudTasksGrpc.getServiceDescriptor().getMethods()) {
            methods.put(method.getBareMethodName().toLowerCase(Locale.ROOT), method.getBareMethodName());
        }
        return methods;
    }

    /** The method it applies to, as in the API ({@code CreateTask}), or {@link #ANY_METHOD}. */
    public String method() {
        return method;
    }

    boolean appliesTo(String bareMethodName) {
        return method.equals(ANY_METHOD) || method.equals(bareMethodName);
    }

    /** Whether the {@code call}-th call (from 1) of its method meets this fault. */
    boolean selects(long call, Random random) {
        return share.selects(call, random);
    }

    /** The status answered instead of calling the method, or null for a delay. */
    Status.Code code() {
        return status;
    }

    /** How late the answer is sent, or null for a status. */
    Duration lateBy() {
        return delay;
    }

    /** The fault in the syntax {@link #parse} reads. */
    @Override
    public String toString() {
        String action = status != null ? status.name() : "delay:" + delay.toMillis() + "ms";
        return method + "=" + action + share;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fault fault && toString().equals(fault.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
