package io.github.camelgcptasks.component.producer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.Task;
import io.github.camelgcptasks.component.CloudTasksLimits;
import io.github.camelgcptasks.component.GcpTasksInvalidInputException;

import static io.github.camelgcptasks.component.CloudTasksLimits.MAX_DISPATCH_DEADLINE;
import static io.github.camelgcptasks.component.CloudTasksLimits.MAX_HEADERS_BYTES;
import static io.github.camelgcptasks.component.CloudTasksLimits.MAX_SCHEDULE_AHEAD;
import static io.github.camelgcptasks.component.CloudTasksLimits.MAX_TASK_SIZE_BYTES;
import static io.github.camelgcptasks.component.CloudTasksLimits.MAX_URL_LENGTH;
import static io.github.camelgcptasks.component.CloudTasksLimits.MIN_DISPATCH_DEADLINE;

/**
 * Refuses, before any call to Google, the tasks Cloud Tasks would refuse, with a message that names the field, what is
 * wrong with its value and the limit. The limits are Cloud Tasks' limits for HTTP targets:
 * <ul>
 * <li>task size at most {@value CloudTasksLimits#MAX_TASK_SIZE_BYTES} bytes (1 MB; the 100 KB limit applies to App
 * Engine targets only). The size counted is the task as it is sent: its protobuf encoding, which holds the body, the
 * URL, every header name and value, the task name and the token settings, plus a few bytes of framing per field, so
 * it is never below what the service counts;</li>
 * <li>all headers together below 80 KB, counted as {@code name: value\r\n} lines;</li>
 * <li>schedule time at most 30 days ahead;</li>
 * <li>dispatch deadline from 15 seconds to 30 minutes;</li>
 * <li>a body only with POST, PUT or PATCH;</li>
 * <li>no header that Cloud Tasks reserves or sets itself: {@code X-CloudTasks-*}, {@code X-Google-*},
 * {@code X-AppEngine-*}, {@code Host}, {@code Content-Length}, {@code User-Agent}, nor {@code Authorization} when an
 * OIDC or OAuth token is attached;</li>
 * <li>a URL starting with http:// or https://, at most 2083 characters.</li>
 * </ul>
 * Task ids are checked by {@link TaskNames}, queue ids when the endpoint is created.
 */
public final class TaskInputValidator {

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private TaskInputValidator() {
    }

    /** Whether Cloud Tasks reserves a header name or sets that header itself. */
    public static boolean isReservedHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("x-cloudtasks-") || lower.startsWith("x-google-") || lower.startsWith("x-appengine-")
                || lower.equals("host") || lower.equals("content-length") || lower.equals("user-agent");
    }

    /**
     * @param at     when the task should run
     * @param now    the current time
     * @param source how the user set it, for the message (an option or a header name)
     */
    public static void checkScheduleTime(Instant at, Instant now, String source) {
        Instant latest = now.plus(MAX_SCHEDULE_AHEAD);
        if (at.isAfter(latest)) {
            throw new GcpTasksInvalidInputException("scheduleTime", "scheduleTime " + at + " (from " + source + ") is "
                                                                    + TimeValues.format(Duration.between(now, at))
                                                                    + " ahead, more than Cloud Tasks' limit of 30 days"
                                                                    + " ahead");
        }
    }

    public static void checkScheduleDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new GcpTasksInvalidInputException("scheduleDelay", "scheduleDelay " + TimeValues.format(delay)
                                                                     + " is negative; use 0 to dispatch at once");
        }
        if (delay.compareTo(MAX_SCHEDULE_AHEAD) > 0) {
            throw new GcpTasksInvalidInputException("scheduleDelay", "scheduleDelay " + TimeValues.format(delay)
                                                                     + " is more than Cloud Tasks' limit of 30 days"
                                                                     + " ahead");
        }
    }

    public static void checkDispatchDeadline(Duration deadline, String source) {
        if (deadline.compareTo(MIN_DISPATCH_DEADLINE) < 0 || deadline.compareTo(MAX_DISPATCH_DEADLINE) > 0) {
            throw new GcpTasksInvalidInputException("dispatchDeadline", "dispatchDeadline " + TimeValues.format(deadline)
                                                                        + " (from " + source + ") is outside Cloud"
                                                                        + " Tasks' range of 15s to 30m");
        }
    }

    /** Checks a task about to be created: URL, method and body, headers, and size. */
    public static void checkTask(Task task) {
        HttpRequest http = task.getHttpRequest();
        checkUrl(http.getUrl());
        checkMethodAndBody(http);
        checkHeaders(http);
        int size = task.getSerializedSize();
        if (size > MAX_TASK_SIZE_BYTES) {
            throw new GcpTasksInvalidInputException("task", "task size " + size + " bytes (body " + http.getBody().size()
                                                            + " bytes, plus URL, headers and settings) is over Cloud"
                                                            + " Tasks' limit of " + MAX_TASK_SIZE_BYTES
                                                            + " bytes (1 MB)");
        }
    }

    private static void checkUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new GcpTasksInvalidInputException("url", "url '" + TaskNames.abbreviate(url) + "' must start with"
                                                           + " http:// or https:// (from targetUrl or targetBaseUrl)");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new GcpTasksInvalidInputException("url", "url is " + url.length() + " characters long, more than Cloud"
                                                           + " Tasks' limit of " + MAX_URL_LENGTH + " characters");
        }
    }

    private static void checkMethodAndBody(HttpRequest http) {
        // an unset method is POST for Cloud Tasks
        HttpMethod method = http.getHttpMethod() == HttpMethod.HTTP_METHOD_UNSPECIFIED ? HttpMethod.POST
                : http.getHttpMethod();
        boolean carriesBody = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
        if (!carriesBody && !http.getBody().isEmpty()) {
            throw new GcpTasksInvalidInputException("body", "body of " + http.getBody().size() + " bytes cannot be sent"
                                                            + " with httpMethod " + method + ": Cloud Tasks allows a"
                                                            + " body only with POST, PUT or PATCH; clear the body or"
                                                            + " change httpMethod");
        }
    }

    private static void checkHeaders(HttpRequest http) {
        boolean tokenAttached = http.hasOidcToken() || http.hasOauthToken();
        long total = 0;
        for (Map.Entry<String, String> header : http.getHeadersMap().entrySet()) {
            String name = header.getKey();
            if (!HEADER_NAME.matcher(name).matches()) {
                throw new GcpTasksInvalidInputException("headers", "header name '" + TaskNames.abbreviate(name)
                                                                   + "' is not a valid HTTP header name (letters,"
                                                                   + " digits and !#$%&'*+.^_`|~- only)");
            }
            if (isReservedHeader(name)) {
                throw new GcpTasksInvalidInputException("headers", "header " + name + " is reserved by Cloud Tasks"
                                                                   + " (X-CloudTasks-*, X-Google-*, X-AppEngine-*,"
                                                                   + " Host, Content-Length and User-Agent are set by"
                                                                   + " the service): remove it from the exchange");
            }
            if (tokenAttached && name.equalsIgnoreCase("authorization")) {
                throw new GcpTasksInvalidInputException("headers", "header Authorization cannot be set together with"
                                                                   + " an OIDC or OAuth token: Cloud Tasks puts the"
                                                                   + " token in that header");
            }
            total += name.getBytes(StandardCharsets.UTF_8).length + header.getValue().getBytes(StandardCharsets.UTF_8).length
                     + 4;
        }
        if (total >= MAX_HEADERS_BYTES) {
            throw new GcpTasksInvalidInputException("headers", "headers total " + total + " bytes, Cloud Tasks' limit is"
                                                               + " below " + MAX_HEADERS_BYTES + " bytes (80 KB)");
        }
    }
}
