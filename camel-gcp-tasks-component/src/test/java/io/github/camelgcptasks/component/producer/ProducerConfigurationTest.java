package io.github.camelgcptasks.component.producer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.google.cloud.tasks.v2.CloudTasksClient;
import io.github.camelgcptasks.component.GcpTasksComponent;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.component.GcpTasksEndpoint;
import io.github.camelgcptasks.component.support.EmulatorSupport;
import io.github.camelgcptasks.component.support.RecordingHttpServer;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three ways to configure the producer: the endpoint URI, camel.component.gcp-tasks.* properties, and a
 * CloudTasksClient bean picked up from the registry. Each context starts without any other configuration, so a task
 * reaching the emulator proves the configuration under test was used (without it the component would call Google).
 */
class ProducerConfigurationTest {

    private static final String QUEUE = "projects/p/locations/l/queues/config";

    @RegisterExtension
    static final CloudTasksEmulatorExtension EMULATOR = CloudTasksEmulatorExtension.withQueues(QUEUE);

    private static RecordingHttpServer receiver;

    @BeforeAll
    static void start() throws Exception {
        receiver = new RecordingHttpServer();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    private static String deliveredBody(Exchange exchange) {
        assertThat(exchange.getException()).isNull();
        String name = exchange.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class);
        assertThat(name).startsWith(QUEUE + "/tasks/");
        return receiver.awaitTask(name).bodyText();
    }

    @Test
    void everythingInTheUri() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            Exchange exchange = context.createProducerTemplate().send(
                    "gcp-tasks:config?projectId=p&location=l&authenticate=false&endpoint=" + EMULATOR.grpcEndpoint()
                                                                      + "&targetUrl=" + receiver.url("/uri"),
                    e -> e.getMessage().setBody("from uri"));
            assertThat(deliveredBody(exchange)).isEqualTo("from uri");
            assertThat(receiver.awaitTask(exchange.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class))
                    .path()).isEqualTo("/uri");
        }
    }

    @Test
    void componentPropertiesThroughCamelMain() throws Exception {
        Main main = new Main();
        main.addInitialProperty("camel.component.gcp-tasks.endpoint", EMULATOR.grpcEndpoint());
        main.addInitialProperty("camel.component.gcp-tasks.authenticate", "false");
        main.addInitialProperty("camel.component.gcp-tasks.project-id", "p");
        main.addInitialProperty("camel.component.gcp-tasks.location", "l");
        main.addInitialProperty("camel.component.gcp-tasks.targetBaseUrl", receiver.baseUrl());
        main.addInitialProperty("camel.component.gcp-tasks.dispatchDeadline", "45s");
        main.addInitialProperty("camel.component.gcp-tasks.oidcServiceAccountEmail", "signer@p.iam.gserviceaccount.com");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("gcp-tasks:config");
            }
        });
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            GcpTasksComponent component = context.getComponent("gcp-tasks", GcpTasksComponent.class);
            assertThat(component.getConfiguration().getProjectId()).isEqualTo("p");
            assertThat(component.getConfiguration().getDispatchDeadline()).isEqualTo(45_000L);

            Exchange exchange = context.createProducerTemplate().send("direct:in", e -> e.getMessage().setBody("props"));
            assertThat(deliveredBody(exchange)).isEqualTo("props");
            String name = exchange.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class);
            RecordingHttpServer.Request delivered = receiver.awaitTask(name);
            assertThat(delivered.path()).isEqualTo("/gcp-tasks/config");
            assertThat(delivered.header("Authorization")).as("the component's service account signs every task")
                    .startsWith("Bearer ");
        } finally {
            main.stop();
        }
    }

    record Line(String orderId, int lineNumber) {
    }

    @Test
    void objectMapperBeanInTheRegistryWritesJsonBodies() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("json", new ObjectMapper()
                    .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
            context.start();
            Exchange exchange = context.createProducerTemplate().send(
                    "gcp-tasks:" + QUEUE + "?authenticate=false&endpoint=" + EMULATOR.grpcEndpoint() + "&targetUrl="
                                                                      + receiver.url("/json"),
                    e -> e.getMessage().setBody(new Line("o-9", 2)));
            assertThat(deliveredBody(exchange)).isEqualTo("{\"order_id\":\"o-9\",\"line_number\":2}");
        }
    }

    @Test
    void clientBeanInTheRegistryIsAutowiredAndLeftOpen() throws Exception {
        CloudTasksClient bean = EmulatorSupport.client(EMULATOR.grpcEndpoint());
        try (CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("myTasksClient", bean);
            context.start();
            GcpTasksEndpoint endpoint = context.getEndpoint("gcp-tasks:" + QUEUE + "?targetUrl=" + receiver.url("/bean"),
                    GcpTasksEndpoint.class);
            assertThat(endpoint.getClient()).isSameAs(bean);
            Exchange exchange = context.createProducerTemplate().send(endpoint, e -> e.getMessage().setBody("bean"));
            assertThat(deliveredBody(exchange)).isEqualTo("bean");
        } finally {
            assertThat(bean.isShutdown()).as("the application owns its client").isFalse();
            bean.close();
        }
    }
}
