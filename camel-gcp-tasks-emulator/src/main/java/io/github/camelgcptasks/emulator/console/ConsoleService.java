package io.github.camelgcptasks.emulator.console;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.file.FileService;
import com.linecorp.armeria.server.file.HttpFile;
import io.github.camelgcptasks.emulator.queue.TasksException;
import io.github.camelgcptasks.emulator.rest.RestError;
import io.grpc.Status;

/**
 * Adds the web console to the emulator's HTTP server: the page at {@code /} (static files from this jar, under
 * {@code /console/}) and the read-only documents of {@link EmulatorInsights} under {@value #PREFIX}, a path no Google
 * API uses:
 * <ul>
 * <li>{@value #QUEUES_PATH}: {@link EmulatorInsights#queuesJson()};</li>
 * <li>{@value #PREFIX}{@code projects/P/locations/L/queues/Q/tasks/T}{@value #ATTEMPTS_SUFFIX}:
 * {@link EmulatorInsights#attemptsJson(String)}.</li>
 * </ul>
 * The page itself works only through the REST API and those documents.
 */
public final class ConsoleService {

    public static final String PREFIX = "/emulator/v1/";
    public static final String QUEUES_PATH = PREFIX + "queues";
    static final String ATTEMPTS_SUFFIX = "/attempts";

    /** Where the page's files sit on the classpath. */
    static final String RESOURCES = "io/github/camelgcptasks/emulator/console";

    // the page loads its own files only and never evaluates task data, so no inline script or style is needed
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private ConsoleService() {
    }

    /**
     * @param page whether to serve the page; the documents are served either way, as they are part of the
     *             emulator's API
     */
    public static void addTo(ServerBuilder server, EmulatorInsights insights, boolean page) {
        server.route().get(QUEUES_PATH)
                .build((ctx, req) -> json(HttpStatus.OK, insights.queuesJson()));
        server.serviceUnder(PREFIX, (ctx, req) -> {
            String path = ctx.path();
            // as the REST API answers a method bound to nothing
            if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
                return error(new RestError(Status.Code.NOT_FOUND, "No emulator document answers " + req.method()
                        + " " + path + ": the documents under " + PREFIX + " are read-only"));
            }
            if (!path.endsWith(ATTEMPTS_SUFFIX) || path.length() <= PREFIX.length() + ATTEMPTS_SUFFIX.length()) {
                return error(new RestError(Status.Code.NOT_FOUND, "No emulator document at " + path));
            }
            String taskName = path.substring(PREFIX.length(), path.length() - ATTEMPTS_SUFFIX.length());
            try {
                return json(HttpStatus.OK, insights.attemptsJson(taskName));
            } catch (TasksException e) {
                return error(new RestError(e.code(), e.getMessage()));
            }
        });
        if (page) {
            ClassLoader loader = ConsoleService.class.getClassLoader();
            HttpService index = HttpFile.of(loader, RESOURCES + "/index.html").asService();
            server.route().get("/").build(index.decorate((delegate, ctx, req) -> {
                ctx.mutateAdditionalResponseHeaders(headers -> headers
                        .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY)
                        .set(HttpHeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
                        .set(HttpHeaderNames.CACHE_CONTROL, "no-cache"));
                return delegate.serve(ctx, req);
            }));
            server.serviceUnder("/console/", FileService.builder(loader, RESOURCES)
                    .addHeader(HttpHeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
                    .addHeader(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                    .build());
        }
    }

    private static HttpResponse json(HttpStatus status, String body) {
        return HttpResponse.of(ResponseHeaders.builder(status)
                .contentType(MediaType.JSON_UTF_8)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .build(), HttpData.ofUtf8(body));
    }

    /** Google's JSON error shape, as the REST API answers. */
    private static HttpResponse error(RestError error) {
        return json(HttpStatus.valueOf(error.httpStatus()), error.toJson());
    }
}
