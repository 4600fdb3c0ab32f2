package io.github.camelgcptasks.component.telemetry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.RetryConfig;
import io.github.camelgcptasks.component.GcpTasksComponent;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.component.support.EmulatorSupport;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.SpanContextPropagationExtractor;
import org.apache.camel.telemetry.SpanContextPropagationInjector;
import org.apache.camel.telemetry.SpanLifecycleManager;
import org.apache.camel.telemetry.Tracer;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A task created and delivered through the emulator while camel-telemetry traces the context: the producer's and the
 * consumer's spans carry the messaging.* attributes of the decorator camel-telemetry finds in META-INF/services.
 */
class GcpTasksSpanDecoratorTest {

    private static final String QUEUE = "projects/p/locations/l/queues/traced";

    @RegisterExtension
    static final CloudTasksEmulatorExtension EMULATOR = new CloudTasksEmulatorExtension();

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    /** A span kept in memory with its tags. */
    static final class RecordedSpan implements Span {
        final String name;
        final Map<String, String> tags = new ConcurrentHashMap<>();
        volatile boolean closed;

        RecordedSpan(String name) {
            this.name = name;
        }

        @Override
        public void log(Map<String, String> fields) {
        }

        @Override
        public void setTag(String key, String value) {
            tags.put(key, value);
        }

        @Override
        public void setComponent(String component) {
            tags.put("component", component);
        }

        @Override
        public void setError(boolean error) {
            tags.put("error", Boolean.toString(error));
        }

        @Override
        public String toString() {
            return name + tags;
        }
    }

    /** camel-telemetry's tracer, with spans kept in a list instead of exported. */
    static final class RecordingTracer extends Tracer {
        final List<RecordedSpan> spans = new CopyOnWriteArrayList<>();

        @Override
        protected void initTracer() {
            setSpanLifecycleManager(new SpanLifecycleManager() {
                @Override
                public Span create(String spanName, Span parent, SpanContextPropagationExtractor extractor) {
                    RecordedSpan span = new RecordedSpan(spanName);
                    spans.add(span);
                    return span;
                }

                @Override
                public void activate(Span span) {
                }

                @Override
                public void deactivate(Span span) {
                }

                @Override
                public void close(Span span) {
                    ((RecordedSpan) span).closed = true;
                }

                @Override
                public void inject(Span span, SpanContextPropagationInjector injector, boolean includeTracing) {
                }
            });
        }
    }

    @Test
    void producerAndConsumerSpansCarryTheMessagingAttributes() throws Exception {
        var client = EmulatorSupport.client(EMULATOR.grpcEndpoint());
        client.createQueue("projects/p/locations/l", Queue.newBuilder().setName(QUEUE)
                .setRetryConfig(RetryConfig.newBuilder().setMaxAttempts(1)).build());
        client.close();

        context = new DefaultCamelContext();
        int port = AvailablePortFinder.getNextAvailable();
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost("127.0.0.1");
        http.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(http));
        GcpTasksComponent component = context.getComponent("gcp-tasks", GcpTasksComponent.class);
        component.getConfiguration().setEndpoint(EMULATOR.grpcEndpoint());
        component.getConfiguration().setAuthenticate(false);
        component.getConfiguration().setTargetBaseUrl("http://localhost:" + port);
        RecordingTracer tracer = new RecordingTracer();
        tracer.init(context);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").routeId("send").to("gcp-tasks:" + QUEUE);
                from("gcp-tasks:" + QUEUE).routeId("receive").to("mock:received");
            }
        });
        context.start();

        Exchange sent = context.createProducerTemplate().request("direct:send", e -> e.getMessage().setBody("traced"));
        String taskName = sent.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class);
        String taskId = taskName.substring(taskName.lastIndexOf('/') + 1);
        MockEndpoint received = context.getEndpoint("mock:received", MockEndpoint.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.getReceivedCounter() == 1
                && tracer.spans.stream().filter(span -> "camel-gcp-tasks".equals(span.tags.get("component")))
                        .filter(span -> span.closed).count() == 2);

        List<RecordedSpan> spans = tracer.spans.stream().filter(span -> "camel-gcp-tasks".equals(span.tags.get("component")))
                .toList();
        assertThat(spans).as("%s", tracer.spans).hasSize(2).allSatisfy(span -> {
            assertThat(span.tags).containsEntry("messaging.system", "gcp_cloud_tasks")
                    .containsEntry("messaging.destination.name", QUEUE)
                    .containsEntry("messaging.message.id", taskId);
        });
        assertThat(spans).extracting(span -> span.tags.get("messaging.operation.name"))
                .containsExactlyInAnyOrder("createTask", "process");
        assertThat(spans).filteredOn(span -> "process".equals(span.tags.get("messaging.operation.name")))
                .singleElement()
                .satisfies(span -> assertThat(span.tags).containsEntry("messaging.gcp_cloud_tasks.task.retry_count", "0"));
    }
}
