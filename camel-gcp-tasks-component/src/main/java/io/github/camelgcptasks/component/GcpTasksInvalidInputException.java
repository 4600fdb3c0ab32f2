package io.github.camelgcptasks.component;

/**
 * An exchange or option that Cloud Tasks would refuse, detected before any call to Google. The message names the field,
 * what is wrong with its value and the limit, for example
 * {@code dispatchDeadline 5s is outside Cloud Tasks' range of 15s to 30m}; {@link #getField()} names the field alone.
 */
public class GcpTasksInvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public GcpTasksInvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public GcpTasksInvalidInputException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The option, header or task field whose value was refused, e.g. {@code scheduleTime} or {@code body}. */
    public String getField() {
        return field;
    }
}
