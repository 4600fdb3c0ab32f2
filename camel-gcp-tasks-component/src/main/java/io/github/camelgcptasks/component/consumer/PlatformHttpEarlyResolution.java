package io.github.camelgcptasks.component.consumer;

import io.github.camelgcptasks.component.GcpTasksEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Creates the {@code platform-http} component as soon as a route that consumes from {@code gcp-tasks:} is built, rather
 * than when its consumer starts.
 * <p>
 * Some runtimes set up their HTTP server while platform-http is being created: KameletMain, which Camel JBang runs on,
 * adds and starts it there. Once the context is starting, that server asks for the platform-http component it is part
 * of creating and fails with "Circular dependency detected, the component platform-http is already being created".
 * Routes are built before the context starts (Kamelet routes too), so creating the component then lets the server be
 * set up the way it is for a plain {@code from("platform-http:...")} route. Routes that only produce to gcp-tasks do not
 * create it, so they need no HTTP server.
 */
public final class PlatformHttpEarlyResolution extends LifecycleStrategySupport {

    static final String PLATFORM_HTTP = "platform-http";

    private final CamelContext camelContext;

    public PlatformHttpEarlyResolution(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public void onRouteContextCreate(Route route) {
        if (route.getEndpoint() instanceof GcpTasksEndpoint) {
            camelContext.getComponent(PLATFORM_HTTP);
        }
    }
}
