package io.github.camelgcptasks.component.producer;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;

import com.google.protobuf.Timestamp;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.component.GcpTasksInvalidInputException;
import org.apache.camel.util.TimeUtils;

/**
 * Reads the time values users put in headers, and writes durations the way error messages show them.
 */
public final class TimeValues {

    private TimeValues() {
    }

    /**
     * The instant a {@link GcpTasksConstants#SCHEDULE_TIME} header names: an {@link Instant}, a protobuf
     * {@link Timestamp}, a {@link Date}, epoch milliseconds as a whole {@link Number}, an {@link OffsetDateTime} or
     * {@link ZonedDateTime}, or ISO-8601 text ({@code 2030-01-01T10:00:00Z} or with an offset).
     */
    public static Instant scheduleTime(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp timestamp) {
            return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Long || value instanceof Integer) {
            return Instant.ofEpochMilli(((Number) value).longValue());
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof ZonedDateTime time) {
            return time.toInstant();
        }
        if (value instanceof CharSequence text) {
            String s = text.toString().trim();
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException notUtc) {
                try {
                    return OffsetDateTime.parse(s).toInstant();
                } catch (DateTimeParseException e) {
                    throw new GcpTasksInvalidInputException("scheduleTime", GcpTasksConstants.SCHEDULE_TIME + " '" + s
                                                                            + "' is not an ISO-8601 instant such as"
                                                                            + " 2030-01-01T10:00:00Z",
                                                            e);
                }
            }
        }
        throw new GcpTasksInvalidInputException("scheduleTime", GcpTasksConstants.SCHEDULE_TIME + " of type "
                                                                + value.getClass().getName()
                                                                + " is not supported: use java.time.Instant,"
                                                                + " com.google.protobuf.Timestamp, java.util.Date,"
                                                                + " epoch milliseconds (Long) or ISO-8601 text");
    }

    /**
     * The duration a {@link GcpTasksConstants#DISPATCH_DEADLINE} header names: a {@link Duration}, milliseconds as a
     * whole {@link Number}, a protobuf {@link com.google.protobuf.Duration}, or text ({@code PT30S}, {@code 30s},
     * {@code 5m}).
     */
    public static Duration dispatchDeadline(Object value) {
        if (value instanceof Duration duration) {
            return duration;
        }
        if (value instanceof com.google.protobuf.Duration duration) {
            return Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
        }
        if (value instanceof Long || value instanceof Integer) {
            return Duration.ofMillis(((Number) value).longValue());
        }
        if (value instanceof CharSequence text) {
            String s = text.toString().trim();
            try {
                return s.startsWith("P") || s.startsWith("p") ? Duration.parse(s)
                        : Duration.ofMillis(TimeUtils.toMilliSeconds(s));
            } catch (RuntimeException e) {
                throw new GcpTasksInvalidInputException("dispatchDeadline", GcpTasksConstants.DISPATCH_DEADLINE + " '" + s
                                                                            + "' is not a duration such as 30s, 5m or"
                                                                            + " PT30S",
                                                        e);
            }
        }
        throw new GcpTasksInvalidInputException("dispatchDeadline", GcpTasksConstants.DISPATCH_DEADLINE + " of type "
                                                                    + value.getClass().getName()
                                                                    + " is not supported: use java.time.Duration,"
                                                                    + " milliseconds (Long) or text such as 30s");
    }

    public static Timestamp toTimestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public static Instant toInstant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    public static com.google.protobuf.Duration toProto(Duration duration) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(duration.getSeconds()).setNanos(duration.getNano())
                .build();
    }

    public static Duration toDuration(com.google.protobuf.Duration duration) {
        return Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
    }

    /** A duration as people write it: {@code 5s}, {@code 30m}, {@code 1h30m}, {@code 31d}, {@code 250ms}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long days = duration.toDays();
        if (days > 0) {
            out.append(days).append('d');
        }
        if (duration.toHoursPart() > 0) {
            out.append(duration.toHoursPart()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            out.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0) {
            out.append(duration.toSecondsPart()).append('s');
        }
        if (duration.toMillisPart() > 0) {
            out.append(duration.toMillisPart()).append("ms");
        }
        return out.length() > 0 ? out.toString() : duration.toString();
    }
}
