package io.github.camelgcptasks.emulator.dispatch;

import com.google.cloud.tasks.v2.AppEngineHttpRequest;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.protobuf.ByteString;
import io.github.camelgcptasks.emulator.dispatch.http.DeadlineExceededException;
import io.github.camelgcptasks.emulator.dispatch.http.DeliveryHttpClient;
import io.github.camelgcptasks.emulator.dispatch.http.OutboundRequest;
import io.github.camelgcptasks.emulator.queue.AttemptResult;
import io.github.camelgcptasks.emulator.queue.DispatchAttempt;
import io.github.camelgcptasks.emulator.queue.TaskValidator;
import io.grpc.netty.shaded.io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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

    // connection-level or set by the delivery client and this class; a task's own value is ignored
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection", "user-agent");

    private final DeliveryHttpClient client;
    private final IdTokenCache idTokens;
    private final String appEngineBase;

    /** @param appEngineBase base URL App Engine tasks are sent to, or null when they are not supported */
    TaskDelivery(DeliveryHttpClient client, IdTokenCache idTokens, String appEngineBase) {
        this.client = client;
        this.idTokens = idTokens;
        this.appEngineBase = appEngineBase == null ? null
                : appEngineBase.endsWith("/") ? appEngineBase.substring(0, appEngineBase.length() - 1) : appEngineBase;
    }

    /** Sends the attempt; on the caller's event loop when it runs on one, without blocking it. */
    public CompletableFuture<AttemptResult> deliver(DispatchAttempt attempt) {
        OutboundRequest request;
        try {
            request = attempt.task().hasHttpRequest() ? httpTarget(attempt) : appEngineTarget(attempt);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(AttemptResult.unreachable(String.valueOf(e.getMessage())));
        }
        return client.send(request).handle((status, error) -> error == null ? AttemptResult.response(status)
                : failure(error));
    }

    private OutboundRequest httpTarget(DispatchAttempt attempt) {
        HttpRequest http = attempt.task().getHttpRequest();
        URI url = URI.create(http.getUrl());
        List<Map.Entry<String, String>> request = new ArrayList<>();
        boolean hasToken = http.hasOidcToken() || http.hasOauthToken();
        copyHeaders(http.getHeadersMap(), request, hasToken);
        request.add(Map.entry("User-Agent", TaskValidator.HTTP_USER_AGENT));
        if (http.hasOidcToken()) {
            String audience = http.getOidcToken().getAudience();
            String token = idTokens.token(audience.isEmpty() ? http.getUrl() : audience,
                    http.getOidcToken().getServiceAccountEmail());
            request.add(Map.entry("Authorization", "Bearer " + token));
        } else if (http.hasOauthToken()) {
            request.add(Map.entry("Authorization", "Bearer " + OAUTH_PLACEHOLDER_TOKEN));
        }
        serviceHeaders(request, "X-CloudTasks-", attempt);
        return finish(url, request, http.getHttpMethod().name(), http.getBody(), attempt, true);
    }

    private OutboundRequest appEngineTarget(DispatchAttempt attempt) {
        AppEngineHttpRequest appEngine = attempt.task().getAppEngineHttpRequest();
        URI url = URI.create(appEngineBase + appEngine.getRelativeUri());
        List<Map.Entry<String, String>> request = new ArrayList<>();
        copyHeaders(appEngine.getHeadersMap(), request, false);
        // stored at creation: App Engine's user agent after the task's own
        appEngine.getHeadersMap().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("User-Agent"))
                .findFirst().ifPresent(userAgent -> request.add(Map.entry("User-Agent", userAgent.getValue())));
        serviceHeaders(request, "X-AppEngine-", attempt);
        // App Engine dispatches do not follow redirects
        return finish(url, request, appEngine.getHttpMethod().name(), appEngine.getBody(), attempt, false);
    }

    /** Copies the task's headers that may be forwarded. */
    private static void copyHeaders(Map<String, String> headers, List<Map.Entry<String, String>> request,
                                    boolean dropAuthorization) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(name) && !name.startsWith("x-cloudtasks-")
                    && !name.startsWith("x-appengine-") && !name.startsWith("x-google-")
                    && !(dropAuthorization && name.equals("authorization"))) {
                request.add(Map.entry(header.getKey(), header.getValue()));
            }
        }
    }

    private static void serviceHeaders(List<Map.Entry<String, String>> request, String prefix,
                                       DispatchAttempt attempt) {
        request.add(Map.entry(prefix + "QueueName", attempt.queueId()));
        request.add(Map.entry(prefix + "TaskName", attempt.taskId()));
        request.add(Map.entry(prefix + "TaskRetryCount", Integer.toString(attempt.retryCount())));
        request.add(Map.entry(prefix + "TaskExecutionCount", Integer.toString(attempt.executionCount())));
        request.add(Map.entry(prefix + "TaskETA", eta(attempt.eta())));
        if (attempt.retryCount() > 0) {
            request.add(Map.entry(prefix + "TaskPreviousResponse", Integer.toString(attempt.previousResponse())));
            request.add(Map.entry(prefix + "TaskRetryReason", attempt.retryReason()));
        }
    }

    private static OutboundRequest finish(URI url, List<Map.Entry<String, String>> headers, String method,
                                          ByteString body, DispatchAttempt attempt, boolean followRedirects) {
        com.google.protobuf.Duration deadline = attempt.task().getDispatchDeadline();
        return new OutboundRequest(method, url, headers, body.asReadOnlyByteBuffer(),
                Duration.ofSeconds(deadline.getSeconds(), deadline.getNanos()), followRedirects);
    }

    /** Epoch seconds with six decimals, as Cloud Tasks writes {@code X-CloudTasks-TaskETA}. */
    static String eta(Instant eta) {
        String micros = Integer.toString(eta.getNano() / 1000);
        return eta.getEpochSecond() + "." + "000000".substring(micros.length()) + micros;
    }

    private static AttemptResult failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof DeadlineExceededException) {
            return AttemptResult.deadlineExceeded();
        }
        if (cause instanceof ConnectTimeoutException) {
            return AttemptResult.unreachable("connect timed out");
        }
        if (cause instanceof ConnectException) {
            return AttemptResult.unreachable("connection refused");
        }
        return AttemptResult.unreachable(cause.toString());
    }
}
