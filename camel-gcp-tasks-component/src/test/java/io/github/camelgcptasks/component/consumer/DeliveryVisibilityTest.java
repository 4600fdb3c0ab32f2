package io.github.camelgcptasks.component.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.component.metrics.GcpTasksConsumerMeters;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tasks the emulator delivers, answered every way a consumer answers, are counted per consumer by outcome: as
 * Micrometer meters, in the gcp-tasks dev console, and for refusals as Camel events naming the task and the reason.
 */
class DeliveryVisibilityTest extends EmulatorTestSupport {

    @RegisterExtension
    static final CloudTasksEmulatorExtension EMULATOR = new CloudTasksEmulatorExtension();

    private static final String ACCOUNT = "tasks@consumer-it.iam.gserviceaccount.com";
    private static final Duration AT_MOST = Duration.ofSeconds(30);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<GcpTasksDeliveryRefusedEvent> refusals = new CopyOnWriteArrayList<>();

    @Override
    protected CloudTasksEmulator emulator() {
        return EMULATOR.emulator();
    }

    private String send(String uri, String taskId, Object body) {
        Exchange sent = context.createProducerTemplate().request(uri, exchange -> {
            exchange.getMessage().setBody(body);
            if (taskId != null) {
                exchange.getMessage().setHeader(GcpTasksConstants.TASK_NAME, taskId);
            }
        });
        assertThat(sent.getException()).isNull();
        return sent.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class);
    }

    private static String id(String taskName) {
        return taskName.substring(taskName.lastIndexOf('/') + 1);
    }

    private double meter(String routeId, DeliveryOutcome outcome) {
        FunctionCounter counter = meters.find(GcpTasksConsumerMeters.DELIVERIES)
                .tag("routeId", routeId).tag("outcome", outcome.id()).functionCounter();
        assertThat(counter).as("meter of %s %s", routeId, outcome).isNotNull();
        return counter.count();
    }

    @Test
    void everyAnswerIsCountedInMetersAndTheDevConsoleAndEveryRefusalIsAnEvent() throws Exception {
        String counted = createQueue("counted", 10);
        String strict = createQueue("strict", 10, 1);
        String served = createQueue("served", 10);
        String stray = createQueue("stray", 10, 1);
        String typed = createQueue("typed", 10, 1);
        configureComponent();
        context.getRegistry().bind("metricsRegistry", meters);
        MemoryIdempotentRepository repository = new MemoryIdempotentRepository();
        repository.start();
        repository.add(counted + "/done-before");
        context.getRegistry().bind("repository", repository);
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof GcpTasksDeliveryRefusedEvent refused) {
                    refusals.add(refused);
                }
            }
        });
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:" + counted + "?maxDeliveryAttempts=2&deadLetterUri=mock:dead"
                     + "&idempotentRepository=#repository").routeId("counted")
                        .filter(body().convertToString().isEqualTo("fail"))
                            .throwException(new IllegalStateException("cannot process"))
                        .end();
                from("gcp-tasks:" + strict + "?oidcServiceAccountEmail=" + ACCOUNT + "&oidcIssuer="
                     + emulator().openIdIssuer() + "&oidcCertificatesLocation=" + emulator().jwksUrl())
                        .routeId("strict").to("mock:strict");
                from("gcp-tasks:" + served).routeId("served").to("mock:served");
                from("gcp-tasks:" + typed + "?unmarshalType=" + TestOrder.class.getName()).routeId("typed")
                        .to("mock:typed");
            }
        });

        String accepted = send("gcp-tasks:" + counted, null, "ok");
        String deadLettered = send("gcp-tasks:" + counted, null, "fail");
        String duplicate = send("gcp-tasks:" + counted, "done-before", "again");
        String unsigned = send("gcp-tasks:" + strict, null, "no token");
        // a task of another queue sent to this consumer's path: its X-CloudTasks-QueueName does not match
        String misdirected = send("gcp-tasks:" + stray + "?targetUrl=" + url("/gcp-tasks/" + served), null, "lost");
        String notJson = send("gcp-tasks:" + typed, null, "not json");

        await().atMost(AT_MOST).until(() -> List.of(accepted, deadLettered, duplicate, unsigned, misdirected, notJson)
                .stream().allMatch(this::isGone));

        assertThat(meter("counted", DeliveryOutcome.ACCEPTED)).isEqualTo(1);
        assertThat(meter("counted", DeliveryOutcome.FAILED)).isEqualTo(1);
        assertThat(meter("counted", DeliveryOutcome.DEAD_LETTERED)).isEqualTo(1);
        assertThat(meter("counted", DeliveryOutcome.DUPLICATE)).isEqualTo(1);
        assertThat(meter("counted", DeliveryOutcome.UNAUTHENTICATED)).isZero();
        assertThat(meter("strict", DeliveryOutcome.UNAUTHENTICATED)).isEqualTo(1);
        assertThat(meter("strict", DeliveryOutcome.ACCEPTED)).isZero();
        assertThat(meter("served", DeliveryOutcome.INVALID_HEADERS)).isEqualTo(1);
        assertThat(meter("typed", DeliveryOutcome.NOT_UNMARSHALLED)).isEqualTo(1);
        assertThat(meters.find(GcpTasksConsumerMeters.DELIVERIES).tag("routeId", "typed").tag("queue", typed)
                .functionCounters()).hasSize(DeliveryOutcome.values().length);

        assertThat(refusals).extracting(GcpTasksDeliveryRefusedEvent::getRouteId, GcpTasksDeliveryRefusedEvent::getTaskName,
                        GcpTasksDeliveryRefusedEvent::getOutcome, GcpTasksDeliveryRefusedEvent::getStatus,
                        GcpTasksDeliveryRefusedEvent::getReason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("strict", id(unsigned), DeliveryOutcome.UNAUTHENTICATED, 401,
                                "Unauthorized"),
                        org.assertj.core.groups.Tuple.tuple("served", id(misdirected), DeliveryOutcome.INVALID_HEADERS,
                                400, "This endpoint does not serve the queue in X-CloudTasks-QueueName"),
                        org.assertj.core.groups.Tuple.tuple("typed", id(notJson), DeliveryOutcome.NOT_UNMARSHALLED, 500,
                                "Body is not JSON of type " + TestOrder.class.getName()));

        DevConsole console = PluginHelper.getDevConsoleResolver(context).resolveDevConsole("gcp-tasks");
        assertThat(console).as("the gcp-tasks dev console").isNotNull();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> consumers = (List<Map<String, Object>>) ((Map<String, Object>) console
                .call(DevConsole.MediaType.JSON)).get("consumers");
        Map<String, Object> countedConsumer = consumers.stream().filter(c -> "counted".equals(c.get("routeId")))
                .findFirst().orElseThrow();
        assertThat(countedConsumer).containsEntry("queue", queuePath(counted))
                .containsEntry("path", "/gcp-tasks/" + counted).containsEntry("state", "Started")
                .containsEntry("verifiesTokens", false).containsEntry("total", 4L);
        @SuppressWarnings("unchecked")
        Map<String, Long> deliveries = (Map<String, Long>) countedConsumer.get("deliveries");
        assertThat(deliveries).containsEntry("accepted", 1L).containsEntry("failed", 1L)
                .containsEntry("deadLettered", 1L).containsEntry("duplicate", 1L).containsEntry("unauthenticated", 0L)
                .hasSize(DeliveryOutcome.values().length);
        assertThat(consumers).filteredOn(c -> "strict".equals(c.get("routeId"))).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("verifiesTokens", true));
        String text = (String) console.call(DevConsole.MediaType.TEXT);
        assertThat(text).contains("Route strict: queue " + strict + " on POST /gcp-tasks/" + strict
                                  + " (Started, verifies OIDC tokens)")
                .contains("    unauthenticated: 1");

        context.getRouteController().stopRoute("typed");
        assertThat(meters.find(GcpTasksConsumerMeters.DELIVERIES).tag("routeId", "typed").functionCounters()).isEmpty();
    }
}
