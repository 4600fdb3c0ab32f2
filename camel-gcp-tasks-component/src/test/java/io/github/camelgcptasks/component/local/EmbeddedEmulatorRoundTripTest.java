package io.github.camelgcptasks.component.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;

import io.github.camelgcptasks.component.GcpTasksComponent;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.emulator.junit.FreePort;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local mode end to end: a producer and a consumer of the same queue meet through the embedded emulator with nothing
 * configured but embeddedEmulator and the app's port, including a retry and OIDC-signed deliveries.
 */
class EmbeddedEmulatorRoundTripTest {

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void aTaskIsDeliveredToTheAppsOwnServerAndRetriedUntilItSucceeds() throws Exception {
        int port = freePort();
        context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.setProperty("camel.server.port", String.valueOf(port));
        context.getPropertiesComponent().setInitialProperties(properties);
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(server));

        GcpTasksComponent component = new GcpTasksComponent();
        component.setEmbeddedEmulator(true);
        // signed deliveries: the consumer only accepts them if local mode pointed it at the emulator's keys and issuer
        component.getConfiguration().setOidcServiceAccountEmail("invoker@local-project.iam.gserviceaccount.com");
        context.addComponent("gcp-tasks", component);

        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("gcp-tasks:round-trip");

                from("gcp-tasks:round-trip")
                        .to("mock:attempts")
                        .filter(header(GcpTasksConstants.RETRY_COUNT).isEqualTo(0))
                            .throwException(IllegalStateException.class, "first attempt fails")
                        .end()
                        .to("mock:processed");
            }
        });
        context.start();

        MockEndpoint attempts = context.getEndpoint("mock:attempts", MockEndpoint.class);
        attempts.setResultWaitTime(30_000);
        attempts.expectedMessageCount(2);
        attempts.message(0).header(GcpTasksConstants.RETRY_COUNT).isEqualTo(0);
        attempts.message(1).header(GcpTasksConstants.RETRY_COUNT).isEqualTo(1);
        MockEndpoint processed = context.getEndpoint("mock:processed", MockEndpoint.class);
        processed.setResultWaitTime(30_000);
        processed.expectedBodiesReceived("hello");

        context.createProducerTemplate().sendBody("direct:send", "hello");

        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void servesTheEmulatorsWebConsoleAtTheUrlItLogs() throws Exception {
        context = new DefaultCamelContext();
        GcpTasksComponent component = new GcpTasksComponent();
        component.setEmbeddedEmulator(true);
        context.addComponent("gcp-tasks", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // due in an hour, so it waits in the queue while the test looks
                from("direct:send").to("gcp-tasks:watched?scheduleDelay=1h");
            }
        });
        context.start();
        context.createProducerTemplate().sendBody("direct:send", "hello");

        String console = component.getRunningEmulator().consoleUrl();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(console)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> queues = http.send(HttpRequest.newBuilder(URI.create(console + "emulator/v1/queues"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(console).startsWith("http://localhost:").endsWith("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Cloud Tasks emulator</title>");
        assertThat(queues.body()).contains("\"name\":\"projects/local-project/locations/local/queues/watched\"")
                .contains("\"tasksCount\":\"1\"");
    }

    /** A port for the app that the embedded emulator's own port-0 servers cannot be given meanwhile. */
    private static int freePort() {
        return FreePort.belowEphemeralRange();
    }
}
