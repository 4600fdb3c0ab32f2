package io.github.camelgcptasks.component.local;

import java.util.Properties;

import com.google.cloud.tasks.v2.LocationName;
import io.github.camelgcptasks.component.GcpTasksComponent;
import io.github.camelgcptasks.component.GcpTasksConfiguration;
import io.github.camelgcptasks.component.GcpTasksEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedEmulatorTest {

    @Test
    void fillsWhatTheUserLeftUnset() {
        GcpTasksConfiguration c = new GcpTasksConfiguration();

        EmbeddedEmulator.apply(c, "127.0.0.1:1234", "http://127.0.0.1:99/jwks", "http://127.0.0.1:99", 8081);

        assertThat(c.getEndpoint()).isEqualTo("127.0.0.1:1234");
        assertThat(c.isAuthenticate()).isFalse();
        assertThat(c.isAutoCreateQueue()).isTrue();
        assertThat(c.getProjectId()).isEqualTo("local-project");
        assertThat(c.getLocation()).isEqualTo("local");
        assertThat(c.getOidcCertificatesLocation()).isEqualTo("http://127.0.0.1:99/jwks");
        assertThat(c.getOidcIssuer()).isEqualTo("http://127.0.0.1:99");
        assertThat(c.getTargetBaseUrl()).isEqualTo("http://localhost:8081");
    }

    @Test
    void keepsWhatTheUserSet() {
        GcpTasksConfiguration c = new GcpTasksConfiguration();
        c.setProjectId("my-project");
        c.setLocation("europe-west1");
        c.setOidcCertificatesLocation("http://keys.example/jwks");
        c.setOidcIssuer("http://issuer.example");
        c.setTargetBaseUrl("http://app.example:9000");

        EmbeddedEmulator.apply(c, "127.0.0.1:1234", "http://127.0.0.1:99/jwks", "http://127.0.0.1:99", 8081);

        assertThat(c.getProjectId()).isEqualTo("my-project");
        assertThat(c.getLocation()).isEqualTo("europe-west1");
        assertThat(c.getOidcCertificatesLocation()).isEqualTo("http://keys.example/jwks");
        assertThat(c.getOidcIssuer()).isEqualTo("http://issuer.example");
        assertThat(c.getTargetBaseUrl()).isEqualTo("http://app.example:9000");
    }

    @Test
    void leavesTargetBaseUrlAloneWhenTargetUrlIsSet() {
        GcpTasksConfiguration c = new GcpTasksConfiguration();
        c.setTargetUrl("http://app.example/handler");

        EmbeddedEmulator.apply(c, "127.0.0.1:1234", "http://127.0.0.1:99/jwks", "http://127.0.0.1:99", 8081);

        assertThat(c.getTargetBaseUrl()).isNull();
    }

    @Test
    void takesTheHttpPortFromTheMostPrecisePropertySet() {
        assertThat(EmbeddedEmulator.httpPort(contextWith())).isEqualTo(8080);
        assertThat(EmbeddedEmulator.httpPort(contextWith("camel.server.port", "9001"))).isEqualTo(9001);
        assertThat(EmbeddedEmulator.httpPort(contextWith("camel.server.port", "9001", "server.port", "9002")))
                .isEqualTo(9002);
        // server.port=0 asks Spring Boot for a random port, which only local.server.port tells
        assertThat(EmbeddedEmulator.httpPort(contextWith("server.port", "0", "local.server.port", "9003")))
                .isEqualTo(9003);
        assertThat(EmbeddedEmulator.httpPort(contextWith("server.port", "0", "camel.server.port", "9001")))
                .isEqualTo(9001);
    }

    @Test
    void namesTheMissingDependency() {
        assertThatThrownBy(() -> EmbeddedEmulator.requireOnClasspath("no.such.Emulator", getClass().getClassLoader()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("io.github.camelgcptasks:camel-gcp-tasks-emulator");
    }

    @Test
    void refusesAnExplicitEndpointAsWell() throws Exception {
        GcpTasksComponent component = new GcpTasksComponent();
        component.setEmbeddedEmulator(true);
        component.getConfiguration().setEndpoint("localhost:8123");
        try (CamelContext context = new DefaultCamelContext()) {
            context.addComponent("gcp-tasks", component);

            assertThatThrownBy(() -> context.getEndpoint("gcp-tasks:orders"))
                    .hasStackTraceContaining("endpoint is also set");
        }
    }

    @Test
    void startsAnEmulatorThatEndpointsUseAndStopsItWithTheComponent() throws Exception {
        GcpTasksComponent component = new GcpTasksComponent();
        component.setEmbeddedEmulator(true);
        try (CamelContext context = contextWith("camel.server.port", "9005")) {
            context.addComponent("gcp-tasks", component);
            context.start();

            GcpTasksEndpoint endpoint = context.getEndpoint("gcp-tasks:orders", GcpTasksEndpoint.class);
            EmbeddedEmulator emulator = component.getRunningEmulator();
            assertThat(emulator).isNotNull();
            GcpTasksConfiguration c = endpoint.getConfiguration();
            assertThat(c.getEndpoint()).isEqualTo(emulator.grpcEndpoint());
            assertThat(c.getTargetBaseUrl()).isEqualTo("http://localhost:9005");
            assertThat(c.getOidcCertificatesLocation()).isEqualTo(emulator.jwksUrl());
            assertThat(endpoint.getQueueReference().queueName().toString())
                    .isEqualTo("projects/local-project/locations/local/queues/orders");
            // the emulator answers on the endpoint's client
            assertThat(endpoint.getClient().listQueues(LocationName.of("local-project", "local")).iterateAll())
                    .isEmpty();

            context.stop();
            assertThat(component.getRunningEmulator()).isNull();
        }
    }

    private static CamelContext contextWith(String... keyValues) {
        CamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        context.getPropertiesComponent().setInitialProperties(properties);
        return context;
    }
}
