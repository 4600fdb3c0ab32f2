package io.github.camelgcptasks.emulator.console;

import io.github.camelgcptasks.emulator.queue.TasksException;
import io.github.camelgcptasks.emulator.rest.RestError;
import io.github.camelgcptasks.emulator.server.HttpAnswer;
import io.github.camelgcptasks.emulator.server.HttpCall;
import io.github.camelgcptasks.emulator.server.HttpService;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * The web console in front of the emulator's REST API: the page at {@code /} (static files from this jar, under
 * {@code /console/}) and the read-only documents of {@link EmulatorInsights} under {@value #PREFIX}, a path no Google
 * API uses:
 * <ul>
 * <li>{@value #QUEUES_PATH}: {@link EmulatorInsights#queuesJson()};</li>
 * <li>{@value #PREFIX}{@code projects/P/locations/L/queues/Q/tasks/T}{@value #ATTEMPTS_SUFFIX}:
 * {@link EmulatorInsights#attemptsJson(String)}.</li>
 * </ul>
 * The page itself works only through the REST API and those documents; every other call goes on to the REST API.
 */
public final class ConsoleService implements HttpService {

    public static final String PREFIX = "/emulator/v1/";
    public static final String QUEUES_PATH = PREFIX + "queues";
    static final String ATTEMPTS_SUFFIX = "/attempts";

    /** Where the page's files sit on the classpath. */
    static final String RESOURCES = "io/github/camelgcptasks/emulator/console";

    // the page loads its own files only and never evaluates task data, so no inline script or style is needed
    /** The page's own files: one name each, no directories. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-]+\\.(html|css|js)");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8");

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final HttpService rest;
    private final EmulatorInsights insights;
    private final boolean page;

    /**
     * @param rest the REST API, which answers what the console does not
     * @param page whether to serve the page; the documents are served either way, as they are part of the
     *             emulator's API
     */
    public ConsoleService(HttpService rest, EmulatorInsights insights, boolean page) {
        this.rest = rest;
        this.insights = insights;
        this.page = page;
    }

    @Override
    public CompletionStage<HttpAnswer> serve(HttpCall call) {
        String path = call.path();
        boolean read = call.method().equals("GET") || call.method().equals("HEAD");
        if (path.startsWith(PREFIX)) {
            return CompletableFuture.completedFuture(read ? document(path) : error(new RestError(
                    Status.Code.NOT_FOUND, "No emulator document answers " + call.method() + " " + path
                    + ": the documents under " + PREFIX + " are read-only")));
        }
        if (page && read && path.equals("/")) {
            return CompletableFuture.completedFuture(file("index.html").withHeader("Content-Security-Policy",
                    CONTENT_SECURITY_POLICY));
        }
        if (page && read && path.startsWith("/console/")) {
            return CompletableFuture.completedFuture(file(path.substring("/console/".length())));
        }
        return rest.serve(call);
    }

    private HttpAnswer document(String path) {
        if (path.equals(QUEUES_PATH)) {
            return json(200, insights.queuesJson());
        }
        if (!path.endsWith(ATTEMPTS_SUFFIX) || path.length() <= PREFIX.length() + ATTEMPTS_SUFFIX.length()) {
            return error(new RestError(Status.Code.NOT_FOUND, "No emulator document at " + path));
        }
        String taskName = path.substring(PREFIX.length(), path.length() - ATTEMPTS_SUFFIX.length());
        try {
            return json(200, insights.attemptsJson(taskName));
        } catch (TasksException e) {
            return error(new RestError(e.code(), e.getMessage()));
        }
    }

    /** One of the page's files from this jar, or 404. */
    private static HttpAnswer file(String name) {
        InputStream in = FILE_NAME.matcher(name).matches()
                ? ConsoleService.class.getClassLoader().getResourceAsStream(RESOURCES + "/" + name) : null;
        if (in == null) {
            return error(new RestError(Status.Code.NOT_FOUND, "No console file " + name));
        }
        try (in) {
            String type = CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1));
            return HttpAnswer.of(200, type, in.readAllBytes())
                    .withHeader("X-Content-Type-Options", "nosniff")
                    .withHeader("Cache-Control", "no-cache");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the console file " + name, e);
        }
    }

    private static HttpAnswer json(int status, String body) {
        return HttpAnswer.json(status, body).withHeader("Cache-Control", "no-store");
    }

    /** Google's JSON error shape, as the REST API answers. */
    private static HttpAnswer error(RestError error) {
        return json(error.httpStatus(), error.toJson());
    }
}
