package io.github.camelgcptasks.examples.orders;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;

/**
 * Starts the HTTP server that platform-http routes (the REST API and the gcp-tasks consumer) are served on: Vert.x, on
 * {@code camel.server.port} (default 8080). The embedded emulator delivers tasks to the same port. Request bodies are
 * limited to {@code camel.server.max-body-size} bytes (default: Cloud Tasks' 1 MB task limit plus 64 KB), so the
 * server never buffers more than a task can hold, whatever a caller sends.
 */
public class PlatformHttpServerConfiguration implements CamelConfiguration {

    public static final String PORT_PROPERTY = "camel.server.port";
    public static final int DEFAULT_PORT = 8080;
    public static final String MAX_BODY_SIZE_PROPERTY = "camel.server.max-body-size";
    public static final long DEFAULT_MAX_BODY_SIZE = 1024 * 1024 + 64 * 1024;

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setPort(camelContext.getPropertiesComponent().resolveProperty(PORT_PROPERTY)
                .map(String::trim).map(Integer::parseInt).orElse(DEFAULT_PORT));
        server.setMaxBodySize(camelContext.getPropertiesComponent().resolveProperty(MAX_BODY_SIZE_PROPERTY)
                .map(String::trim).map(Long::parseLong).orElse(DEFAULT_MAX_BODY_SIZE));
        camelContext.addService(new VertxPlatformHttpServer(server));
    }
}
