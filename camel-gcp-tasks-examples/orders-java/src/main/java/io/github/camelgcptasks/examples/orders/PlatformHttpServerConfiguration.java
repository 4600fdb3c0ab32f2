package io.github.camelgcptasks.examples.orders;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;

/**
 * Starts the HTTP server that platform-http routes (the REST API and the gcp-tasks consumer) are served on: Vert.x, on
 * {@code camel.server.port} (default 8080). The embedded emulator delivers tasks to the same port.
 */
public class PlatformHttpServerConfiguration implements CamelConfiguration {

    public static final String PORT_PROPERTY = "camel.server.port";
    public static final int DEFAULT_PORT = 8080;

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setPort(camelContext.getPropertiesComponent().resolveProperty(PORT_PROPERTY)
                .map(String::trim).map(Integer::parseInt).orElse(DEFAULT_PORT));
        camelContext.addService(new VertxPlatformHttpServer(server));
    }
}
