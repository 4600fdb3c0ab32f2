package io.github.camelgcptasks.emulator.queue;

import com.google.cloud.tasks.v2.AppEngineHttpRequest;
import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The limits the real service enforces on CreateTask, with messages that name the field and the limit, and the
 * defaults it fills in (POST, a 10 minute dispatch deadline, schedule time now).
 */
public final class TaskValidator {

    /** Largest accepted task, serialized: 1 MB. */
    public static final int MAX_TASK_SIZE_BYTES = 1024 * 1024;
    public static final java.time.Duration MAX_SCHEDULE_AHEAD = java.time.Duration.ofDays(30);
    public static final java.time.Duration MIN_DISPATCH_DEADLINE = java.time.Duration.ofSeconds(15);
    public static final java.time.Duration MAX_HTTP_DISPATCH_DEADLINE = java.time.Duration.ofMinutes(30);
    public static final java.time.Duration MAX_APP_ENGINE_DISPATCH_DEADLINE = java.time.Duration.ofHours(24).plusSeconds(15);
    public static final java.time.Duration DEFAULT_DISPATCH_DEADLINE = java.time.Duration.ofMinutes(10);
    public static final int MAX_URL_LENGTH = 2083;
    /** HTTP task headers must be smaller than this, names and values counted in UTF-8. */
    public static final int MAX_HEADERS_BYTES = 80 * 1024;
    /** The User-Agent the service stores on HTTP tasks and sends with them, replacing the task's own. */
    public static final String HTTP_USER_AGENT = "Google-Cloud-Tasks";
    /** The User-Agent of App Engine tasks, appended to the task's own. */
    public static final String APP_ENGINE_USER_AGENT = "AppEngine-Google; (+http://code.google.com/appengine)";

    private static final Set<HttpMethod> BODY_METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
    private static final Set<HttpMethod> APP_ENGINE_BODY_METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT);
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final boolean appEngineEnabled;
    /** The last URL that passed and its stored form: most tasks of a caller share one URL, and parsing it costs. */
    private volatile CheckedUrl lastUrl = new CheckedUrl(null, null);

    private record CheckedUrl(String given, String stored) {
    }

    /**
     * @param appEngineEnabled whether App Engine targets can be dispatched (the emulator has an App Engine host)
     */
    public TaskValidator(boolean appEngineEnabled) {
        this.appEngineEnabled = appEngineEnabled;
    }

    /**
     * Validates a task of a CreateTask request and returns it with the service's defaults and the given name and
     * create time.
     */
    public Task validateNew(Task task, String name, Instant now) {
        if (task.getSerializedSize() > MAX_TASK_SIZE_BYTES) {
            throw TasksException.invalidArgument("Task size is " + task.getSerializedSize()
                    + " bytes; the maximum task size is " + MAX_TASK_SIZE_BYTES + " bytes (1 MB)");
        }
        Task.Builder out = task.toBuilder()
                .setName(name)
                .setCreateTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
                .clearDispatchCount().clearResponseCount().clearFirstAttempt().clearLastAttempt().clearView();
        java.time.Duration maxDeadline;
        switch (task.getMessageTypeCase()) {
            case HTTP_REQUEST -> {
                out.setHttpRequest(validateHttp(task.getHttpRequest()));
                maxDeadline = MAX_HTTP_DISPATCH_DEADLINE;
            }
            case APP_ENGINE_HTTP_REQUEST -> {
                if (!appEngineEnabled) {
                    throw TasksException.failedPrecondition("App Engine tasks cannot be dispatched by this emulator "
                            + "because it has no App Engine host: start it with --app-engine-host URL (or "
                            + "CloudTasksEmulator.builder().appEngineHost(URL)) to deliver them to that base URL");
                }
                out.setAppEngineHttpRequest(validateAppEngine(task.getAppEngineHttpRequest()));
                maxDeadline = MAX_APP_ENGINE_DISPATCH_DEADLINE;
            }
            default -> throw TasksException.invalidArgument(
                    "Task.http_request or Task.app_engine_http_request must be set");
        }
        Instant scheduleTime = now;
        if (task.hasScheduleTime()) {
            Instant at = instant(task.getScheduleTime());
            if (at.isAfter(now.plus(MAX_SCHEDULE_AHEAD))) {
                throw TasksException.invalidArgument("Task.schedule_time " + at + " is too far in the future: it can "
                        + "be at most 30 days ahead of the current time");
            }
            // a time in the past becomes the current time
            scheduleTime = at.isAfter(now) ? at : now;
        }
        out.setScheduleTime(timestamp(scheduleTime.truncatedTo(ChronoUnit.MICROS)));
        if (task.hasDispatchDeadline()) {
            Duration d = task.getDispatchDeadline();
            java.time.Duration deadline = java.time.Duration.ofSeconds(d.getSeconds(), d.getNanos());
            if (deadline.compareTo(MIN_DISPATCH_DEADLINE) < 0 || deadline.compareTo(maxDeadline) > 0) {
                throw TasksException.invalidArgument("Task.dispatch_deadline must be between 15 seconds and "
                        + (maxDeadline.equals(MAX_APP_ENGINE_DISPATCH_DEADLINE) ? "24 hours 15 seconds" : "30 minutes")
                        + " (was " + deadline + ")");
            }
            java.time.Duration millis = deadline.truncatedTo(ChronoUnit.MILLIS);
            out.setDispatchDeadline(Duration.newBuilder().setSeconds(millis.getSeconds()).setNanos(millis.getNano()));
        } else {
            out.setDispatchDeadline(Duration.newBuilder().setSeconds(DEFAULT_DISPATCH_DEADLINE.getSeconds()));
        }
        return out.build();
    }

    private HttpRequest validateHttp(HttpRequest http) {
        String url = storedUrl(http.getUrl());
        HttpMethod method = method(http.getHttpMethod());
        checkBody("HttpRequest", method, !http.getBody().isEmpty(), BODY_METHODS);
        checkHeaders("HttpRequest", http.getHeadersMap());
        int headerBytes = headerBytes(http.getHeadersMap());
        if (headerBytes >= MAX_HEADERS_BYTES) {
            throw TasksException.invalidArgument("HttpRequest.headers must be smaller than 80 KB (" + MAX_HEADERS_BYTES
                    + " bytes of names and values; was " + headerBytes + ")");
        }
        if (http.hasOidcToken() && http.getOidcToken().getServiceAccountEmail().isEmpty()) {
            throw TasksException.invalidArgument("HttpRequest.oidc_token.service_account_email must be set");
        }
        if (http.hasOauthToken() && http.getOauthToken().getServiceAccountEmail().isEmpty()) {
            throw TasksException.invalidArgument("HttpRequest.oauth_token.service_account_email must be set");
        }
        // stored as the service stores it: its own User-Agent replaces the task's, after the other headers
        HttpRequest.Builder stored = http.toBuilder().setUrl(url).setHttpMethod(method);
        for (String header : http.getHeadersMap().keySet()) {
            if (header.equalsIgnoreCase("User-Agent")) {
                stored.removeHeaders(header);
            }
        }
        return stored.putHeaders("User-Agent", HTTP_USER_AGENT).build();
    }

    /** Checks an HTTP task's URL and returns it as stored, with unsafe characters encoded. */
    private String storedUrl(String url) {
        CheckedUrl last = lastUrl;
        if (url.equals(last.given())) {
            return last.stored();
        }
        if (url.isEmpty()) {
            throw TasksException.invalidArgument("HttpRequest.url must be set");
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw TasksException.invalidArgument("HttpRequest.url must begin with http:// or https:// (was " + url + ")");
        }
        // the service encodes unsafe characters instead of refusing them; the length limit applies after encoding
        String stored = UrlEncoding.encodeUnsafe(url);
        if (stored.length() > MAX_URL_LENGTH) {
            throw TasksException.invalidArgument("HttpRequest.url must be at most " + MAX_URL_LENGTH
                    + " characters long after encoding (was " + stored.length() + ")");
        }
        try {
            if (URI.create(stored).getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
        } catch (IllegalArgumentException e) {
            throw TasksException.invalidArgument("HttpRequest.url is not a valid absolute URL: " + stored);
        }
        lastUrl = new CheckedUrl(url, stored);
        return stored;
    }

    private AppEngineHttpRequest validateAppEngine(AppEngineHttpRequest request) {
        String uri = request.getRelativeUri();
        if (!uri.isEmpty() && !uri.startsWith("/")) {
            throw TasksException.invalidArgument("AppEngineHttpRequest.relative_uri must begin with \"/\" (was " + uri + ")");
        }
        if (uri.length() > MAX_URL_LENGTH) {
            throw TasksException.invalidArgument("AppEngineHttpRequest.relative_uri must be at most " + MAX_URL_LENGTH
                    + " characters long");
        }
        HttpMethod method = method(request.getHttpMethod());
        checkBody("AppEngineHttpRequest", method, !request.getBody().isEmpty(), APP_ENGINE_BODY_METHODS);
        checkHeaders("AppEngineHttpRequest", request.getHeadersMap());
        // stored with the headers the service sets: its User-Agent after the task's, and for a body its length and
        // a default Content-Type
        Map<String, String> headers = new LinkedHashMap<>(request.getHeadersMap());
        String userAgent = null;
        for (var it = headers.entrySet().iterator(); it.hasNext(); ) {
            var header = it.next();
            if (header.getKey().equalsIgnoreCase("User-Agent")) {
                userAgent = header.getValue();
                it.remove();
            } else if (header.getKey().equalsIgnoreCase("Content-Length")) {
                it.remove();
            }
        }
        headers.put("User-Agent", userAgent == null ? APP_ENGINE_USER_AGENT : userAgent + " " + APP_ENGINE_USER_AGENT);
        if (!request.getBody().isEmpty()) {
            headers.put("Content-Length", Integer.toString(request.getBody().size()));
            if (headers.keySet().stream().noneMatch(header -> header.equalsIgnoreCase("Content-Type"))) {
                headers.put("Content-Type", "application/octet-stream");
            }
        }
        return request.toBuilder().setHttpMethod(method).setRelativeUri(uri.isEmpty() ? "/" : uri)
                .clearHeaders().putAllHeaders(headers).build();
    }

    private static HttpMethod method(HttpMethod method) {
        if (method == HttpMethod.UNRECOGNIZED) {
            throw TasksException.invalidArgument("http_method is not a known HTTP method");
        }
        return method == HttpMethod.HTTP_METHOD_UNSPECIFIED ? HttpMethod.POST : method;
    }

    private static void checkBody(String message, HttpMethod method, boolean hasBody, Set<HttpMethod> allowed) {
        if (hasBody && !allowed.contains(method)) {
            throw TasksException.invalidArgument(message + ".body can be set only when the HTTP method is "
                    + (allowed.contains(HttpMethod.PATCH) ? "POST, PUT or PATCH" : "POST or PUT")
                    + " (was " + method + ")");
        }
    }

    private static int headerBytes(Map<String, String> headers) {
        int bytes = 0;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            bytes += header.getKey().getBytes(StandardCharsets.UTF_8).length
                    + header.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    private static void checkHeaders(String message, Map<String, String> headers) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (!HEADER_NAME.matcher(header.getKey()).matches()) {
                throw TasksException.invalidArgument(message + ".headers has an invalid header name \""
                        + header.getKey() + "\"");
            }
            String value = header.getValue();
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw TasksException.invalidArgument(message + ".headers value of \"" + header.getKey()
                        + "\" must not contain line breaks");
            }
        }
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
