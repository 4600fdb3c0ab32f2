package io.github.camelgcptasks.component.consumer.vertx;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.camelgcptasks.component.consumer.DeliveryAnswer;
import io.github.camelgcptasks.component.consumer.EarlyDeliveryCheck;
import io.github.camelgcptasks.component.consumer.security.DeliveryAuthenticator;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a delivery on its headers, before Vert.x reads its body. platform-http on Vert.x reads the whole body (up to
 * the server's body limit) before any Camel processor runs, so without this a caller with no token could make the
 * consumer buffer a large body only to be answered 401.
 * <p>
 * The gate is a Vert.x route on the consumer's path, placed before the platform-http route. When token verification
 * is on it answers 401 or 403 when the token is missing or not accepted; then 413 when the declared Content-Length is
 * over Cloud Tasks' 1 MB limit. The request is paused meanwhile, so no body is read, and the connection is closed after
 * a refusal (HTTP/1.x), so the rest of the body is never read either. Otherwise the request goes on to
 * platform-http unchanged, where the consumer checks it again. A body without Content-Length (chunked) is bounded by
 * the server's body limit ({@code camel.server.max-body-size}) and by the consumer's own 1 MB check.
 */
public final class VertxDeliveryGate implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(VertxDeliveryGate.class);
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^/}]+)}");

    private final EarlyDeliveryCheck check;

    private VertxDeliveryGate(EarlyDeliveryCheck check) {
        this.check = check;
    }

    /**
     * Installs the gate in front of a consumer on {@code path} when the platform-http engine is Vert.x.
     *
     * @param  check the consumer's checks on a request's headers, which also record its refusals
     * @return       what removes the gate again, or null when the engine is not Vert.x
     */
    public static Runnable installIfVertx(CamelContext context, PlatformHttpEngine engine, String path,
                                          EarlyDeliveryCheck check) {
        if (!(engine instanceof VertxPlatformHttpEngine vertx)) {
            return null;
        }
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(vertx.getServerPort()));
        if (router == null) {
            router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME_ZERO);
        }
        if (router == null) {
            LOG.debug("No Vert.x router found for {}: deliveries are checked after their body is read", path);
            return null;
        }
        // same path syntax as platform-http's own route: /path/{key} becomes /path/:key
        Route route = router.route(HttpMethod.POST, PATH_PARAMETER.matcher(path).replaceAll(":$1"))
                .handler(new VertxDeliveryGate(check));
        return route::remove;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        // nothing of the body is read until the request has passed; the body handler after the gate resumes it
        request.pause();
        DeliveryAuthenticator.Request headers = new DeliveryAuthenticator.Request(
                request.getHeader("Authorization"), request.absoluteURI(), request.getHeader("X-CloudTasks-TaskName"),
                request.path());
        String contentLength = request.getHeader("Content-Length");
        if (check.decidesWithoutKeys(headers)) {
            // no token, or one verified before, as most deliveries carry: a look-up, no signature check, no key fetch
            afterCheck(ctx, check.check(headers, contentLength));
            return;
        }
        // off the event loop: the keys may have to be fetched, and the signature check takes a while
        ctx.vertx().executeBlocking(() -> check.check(headers, contentLength), false).onComplete(
                result -> afterCheck(ctx, result.succeeded() ? result.result() : Optional.empty()));
    }

    private void afterCheck(RoutingContext ctx, Optional<DeliveryAnswer> refusal) {
        if (refusal.isPresent()) {
            refuse(ctx, refusal.get());
        } else {
            ctx.next();
        }
    }

    private void refuse(RoutingContext ctx, DeliveryAnswer answer) {
        HttpServerResponse response = ctx.response();
        boolean http1 = ctx.request().version() != HttpVersion.HTTP_2;
        response.setStatusCode(answer.status());
        response.putHeader("Content-Type", "text/plain; charset=utf-8");
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            response.putHeader(header.getKey(), header.getValue());
        }
        if (http1) {
            // the unread body stays unread: the connection cannot carry another request after it
            response.putHeader("Connection", "close");
        }
        response.end(answer.body()).onComplete(done -> {
            if (http1) {
                ctx.request().connection().close();
            }
        });
    }
}
