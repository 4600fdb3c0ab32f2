package io.github.camelgcptasks.emulator.dispatch;

import java.io.IOException;
import com.google.cloud.tasks.v2.AppEngineHttpRequest;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.protobuf.ByteString;
import io.github.camelgcptasks.emulator.queue.AttemptResult;
import io.github.camelgcptasks.emulator.queue.DispatchAttempt;
import io.github.camelgcptasks.emulator.queue.TaskValidator;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Sends one attempt of a task as an HTTP request, asynchronously, the way Cloud Tasks does: the task's method, URL,
 * headers and body, plus the service's own headers, and answers what came back.
 *
 * <p>HTTP targets get {@code X-CloudTasks-QueueName}, {@code -TaskName}, {@code -TaskRetryCount},
 * {@code -TaskExecutionCount}, {@code -TaskETA} (epoch seconds with microseconds), and on retries
 * {@code -TaskPreviousResponse} and an empty {@code -TaskRetryReason}; {@code User-Agent: Google-Cloud-Tasks}
 * (replacing the task's own). No {@code Content-Type} is added: a task without one is sent without one. A task with
 * an {@code oidc_token} carries {@code Authorization: Bearer <ID token>} signed by the emulator's key; one with an
 * {@code oauth_token} carries {@code Authorization: Bearer } {@value #OAUTH_PLACEHOLDER_TOKEN}, a fixed placeholder
 * since the emulator cannot mint Google access tokens.
 *
 * <p>App Engine targets go to the configured App Engine host plus {@code relative_uri}, with the same headers
 * spelled {@code X-AppEngine-*}, the retry reason of App Engine, and the headers stored with the task (its user
 * agent, content type and length).
 *
 * <p>Redirects of HTTP targets are followed, within the same attempt, and the final answer is the attempt's outcome;
 * App Engine dispatches do not follow them. An attempt with no answer within the dispatch deadline reports 504; one
 * that cannot connect reports 503.
 */
public final class TaskDelivery {

    /** The bearer token sent for tasks with an {@code oauth_token}. */
    public static final String OAUTH_PLACEHOLDER_TOKEN = "cloud-tasks-emulator-oauth-access-token";

    // set by the JDK client or by this class; a task's own value is ignored
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection", "user-agent");

    private final Supplier<HttpClient> httpTargets;
    private final Supplier<HttpClient> appEngineTargets;
    private final Executor senders;
    private final IdTokenCache idTokens;
    private final String appEngineBase;

    /**
     * @param httpTargets      the client of HTTP targets, following redirects; asked for on every send
     * @param appEngineTargets the client of App Engine targets, not following redirects
     * @param appEngineBase    base URL App Engine tasks are sent to, or null when they are not supported
     */
    TaskDelivery(Supplier<HttpClient> httpTargets, Supplier<HttpClient> appEngineTargets, Executor senders,
                 IdTokenCache idTokens, String appEngineBase) {
        this.senders = senders;
        this.httpTargets = httpTargets;
        this.appEngineTargets = appEngineTargets;
        this.idTokens = idTokens;
        this.appEngineBase = appEngineBase == null ? null
                : appEngineBase.endsWith("/") ? appEngineBase.substring(0, appEngineBase.length() - 1) : appEngineBase;
    }

    public CompletableFuture<AttemptResult> deliver(DispatchAttempt attempt) {
        java.net.http.HttpRequest request;
        boolean http = attempt.task().hasHttpRequest();
        try {
            request = http ? httpTarget(attempt) : appEngineTarget(attempt);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(AttemptResult.unreachable(String.valueOf(e.getMessage())));
        }
        Supplier<HttpClient> client = http ? httpTargets : appEngineTargets;
        // The blocking send on the emulator's own threads, not sendAsync: sendAsync completes every response through
        // CompletableFuture's default pool, which on a machine with fewer than 3 cores starts a new thread per call.
        return CompletableFuture.supplyAsync(() -> send(client.get(), request), senders);
    }

    private AttemptResult send(HttpClient client, java.net.http.HttpRequest request) {
        try {
            return AttemptResult.response(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(e);
        } catch (IOException | RuntimeException e) {
            return failure(e);
        }
    }

    private java.net.http.HttpRequest httpTarget(DispatchAttempt attempt) {
        HttpRequest http = attempt.task().getHttpRequest();
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(URI.create(http.getUrl()));
        boolean hasToken = http.hasOidcToken() || http.hasOauthToken();
        copyHeaders(http.getHeadersMap(), request, hasToken);
        request.header("User-Agent", TaskValidator.HTTP_USER_AGENT);
        if (http.hasOidcToken()) {
            String audience = http.getOidcToken().getAudience();
            String token = idTokens.token(audience.isEmpty() ? http.getUrl() : audience,
                    http.getOidcToken().getServiceAccountEmail());
            request.header("Authorization", "Bearer " + token);
        } else if (http.hasOauthToken()) {
            request.header("Authorization", "Bearer " + OAUTH_PLACEHOLDER_TOKEN);
        }
        serviceHeaders(request, "X-CloudTasks-", attempt);
        return finish(request, http.getHttpMethod().name(), http.getBody(), attempt);
    }

    private java.net.http.HttpRequest appEngineTarget(DispatchAttempt attempt) {
        AppEngineHttpRequest appEngine = attempt.task().getAppEngineHttpRequest();
        java.net.http.HttpRequest.Builder request =
                java.net.http.HttpRequest.newBuilder(URI.create(appEngineBase + appEngine.getRelativeUri()));
        copyHeaders(appEngine.getHeadersMap(), request, false);
        // stored at creation: App Engine's user agent after the task's own
        appEngine.getHeadersMap().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("User-Agent"))
                .findFirst().ifPresent(userAgent -> request.header("User-Agent", userAgent.getValue()));
        serviceHeaders(request, "X-AppEngine-", attempt);
        return finish(request, appEngine.getHttpMethod().name(), appEngine.getBody(), attempt);
    }

    /** Copies the task's headers that may be forwarded. */
    private static void copyHeaders(Map<String, String> headers, java.net.http.HttpRequest.Builder request,
                                    boolean dropAuthorization) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(name) && !name.startsWith("x-cloudtasks-")
                    && !name.startsWith("x-appengine-") && !name.startsWith("x-google-")
                    && !(dropAuthorization && name.equals("authorization"))) {
                request.header(header.getKey(), header.getValue());
            }
        }
    }

    private static void serviceHeaders(java.net.http.HttpRequest.Builder request, String prefix,
                                       DispatchAttempt attempt) {
        request.header(prefix + "QueueName", attempt.queueId())
                .header(prefix + "TaskName", attempt.taskId())
                .header(prefix + "TaskRetryCount", Integer.toString(attempt.retryCount()))
                .header(prefix + "TaskExecutionCount", Integer.toString(attempt.executionCount()))
                .header(prefix + "TaskETA", eta(attempt.eta()));
        if (attempt.retryCount() > 0) {
            request.header(prefix + "TaskPreviousResponse", Integer.toString(attempt.previousResponse()))
                    .header(prefix + "TaskRetryReason", attempt.retryReason());
        }
    }

    private static java.net.http.HttpRequest finish(java.net.http.HttpRequest.Builder request, String method,
                                                    ByteString body, DispatchAttempt attempt) {
        com.google.protobuf.Duration deadline = attempt.task().getDispatchDeadline();
        return request
                .method(method, body.isEmpty() ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .timeout(Duration.ofSeconds(deadline.getSeconds(), deadline.getNanos()))
                .build();
    }

    /** Epoch seconds with six decimals, as Cloud Tasks writes {@code X-CloudTasks-TaskETA}. */
    static String eta(Instant eta) {
        String micros = Integer.toString(eta.getNano() / 1000);
        return eta.getEpochSecond() + "." + "000000".substring(micros.length()) + micros;
    }

    private static AttemptResult failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException && !(cause instanceof java.net.http.HttpConnectTimeoutException)) {
            return AttemptResult.deadlineExceeded();
        }
        if (cause instanceof ConnectException) {
            return AttemptResult.unreachable("connection refused");
        }
        return AttemptResult.unreachable(cause.toString());
    }
}
