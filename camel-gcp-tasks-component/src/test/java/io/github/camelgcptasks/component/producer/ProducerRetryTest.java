package io.github.camelgcptasks.component.producer;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.Task;
import io.github.camelgcptasks.component.GcpTasksComponent;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.component.GcpTasksException;
import io.github.camelgcptasks.component.GcpTasksInvalidInputException;
import io.github.camelgcptasks.component.support.AsyncSends;
import io.github.camelgcptasks.component.support.EmulatorSupport;
import io.github.camelgcptasks.component.support.LostAnswerInterceptor;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.grpc.Status;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * createTask under lost answers: the server creates the task, the client is told UNAVAILABLE. With deterministic task
 * ids the producer retries and never creates a task twice; without them it does not retry, and a Camel redelivery
 * duplicates tasks. Queues are paused, so every task created stays to be counted.
 */
class ProducerRetryTest {

    private static final String UNDER_FAULTS = "projects/p/locations/l/queues/under-faults";
    private static final String REDELIVERED_PLAIN = "projects/p/locations/l/queues/redelivered-plain";
    private static final String REDELIVERED_NAMED = "projects/p/locations/l/queues/redelivered-named";
    private static final String ALWAYS_LOST = "projects/p/locations/l/queues/always-lost";
    private static final String TIME_BOUND = "projects/p/locations/l/queues/time-bound";
    private static final String ONCE = "projects/p/locations/l/queues/once";
    private static final String BY_KEY = "projects/p/locations/l/queues/by-key";
    private static final String BATCH = "projects/p/locations/l/queues/batch";
    private static final String COUNTED = "projects/p/locations/l/queues/counted";
    private static final String TARGET = "targetUrl=http://127.0.0.1:9/tasks";
    private static final String FAST_RETRIES = "&retryInitialBackoff=5&retryMaxBackoff=50";

    @RegisterExtension
    static final CloudTasksEmulatorExtension EMULATOR = CloudTasksEmulatorExtension.withQueues(UNDER_FAULTS,
            REDELIVERED_PLAIN, REDELIVERED_NAMED, ALWAYS_LOST, TIME_BOUND, ONCE, BY_KEY, BATCH, COUNTED);

    private static CloudTasksClient reader;

    private CloudTasksClient faultyClient;
    private CamelContext context;

    @BeforeAll
    static void pauseQueues() {
        reader = EmulatorSupport.client(EMULATOR.grpcEndpoint());
        for (String queue : List.of(UNDER_FAULTS, REDELIVERED_PLAIN, REDELIVERED_NAMED, ALWAYS_LOST, TIME_BOUND, ONCE,
                                    BY_KEY, BATCH, COUNTED)) {
            reader.pauseQueue(queue);
        }
    }

    @AfterAll
    static void closeReader() {
        reader.close();
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        if (faultyClient != null) {
            faultyClient.close();
        }
    }

    /** A started context whose gcp-tasks component talks to the emulator through the interceptor. */
    private CamelContext contextLosing(LostAnswerInterceptor interceptor) {
        faultyClient = interceptor.client(EMULATOR.grpcEndpoint());
        context = new DefaultCamelContext();
        context.getComponent("gcp-tasks", GcpTasksComponent.class).getConfiguration().setClient(faultyClient);
        context.start();
        return context;
    }

    private static Set<String> listed(String queue) {
        Set<String> names = new HashSet<>();
        EmulatorSupport.tasks(reader, queue).forEach(task -> names.add(task.getName()));
        return names;
    }

    @Test
    void thousandSendsWithThirtyPercentOfAnswersLostCreateExactlyThousandTasks() throws Exception {
        LostAnswerInterceptor interceptor = new LostAnswerInterceptor(0.3, 20261201L);
        CamelContext camel = contextLosing(interceptor);
        GcpTasksProducer producer = (GcpTasksProducer) camel.getEndpoint("gcp-tasks:" + UNDER_FAULTS + "?" + TARGET
                                                                          + "&deterministicTaskId=true" + FAST_RETRIES
                                                                          + "&retryTimeout=20s")
                .createAsyncProducer();
        ServiceHelper.startService(producer);
        try {
            List<Exchange> exchanges = AsyncSends.sendAll(camel, producer, 1000, Duration.ofSeconds(120));

            Set<String> succeeded = new HashSet<>();
            int failed = 0;
            int retries = 0;
            for (Exchange exchange : exchanges) {
                retries += exchange.getMessage().getHeader(GcpTasksConstants.CREATE_RETRIES, Integer.class);
                if (exchange.getException() == null) {
                    succeeded.add(exchange.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class));
                } else {
                    // the only way to fail here: every attempt lost its answer until the bound
                    assertThat(exchange.getException()).isInstanceOf(GcpTasksException.class)
                            .hasMessageContaining("gave up after");
                    assertThat(((GcpTasksException) exchange.getException()).getStatusCode())
                            .isEqualTo(Status.Code.UNAVAILABLE);
                    failed++;
                }
            }
            Set<String> listed = listed(UNDER_FAULTS);
            assertThat(listed).hasSize(1000).containsAll(succeeded);
            assertThat(succeeded).hasSize(1000 - failed).doesNotContainNull();
            // every lost answer was either retried or ended an exchange that gave up
            assertThat(interceptor.replaced()).isGreaterThan(200).isEqualTo(retries + failed);
            assertThat(producer.getCreateTaskRetries()).isEqualTo(retries);
        } finally {
            ServiceHelper.stopService(producer);
        }
    }

    /** The control: without deterministic ids a Camel redelivery after a lost answer creates the task again. */
    @Test
    void withoutDeterministicIdsACamelRedeliveryAfterALostAnswerDuplicatesTheTask() throws Exception {
        CamelContext camel = contextLosing(new LostAnswerInterceptor(0.3, 7L));
        camel.addRoutes(redeliveringRoute("direct:plain", "gcp-tasks:" + REDELIVERED_PLAIN + "?" + TARGET));
        ProducerTemplate template = camel.createProducerTemplate();
        for (int i = 0; i < 200; i++) {
            template.sendBody("direct:plain", "message " + i);
        }

        assertThat(listed(REDELIVERED_PLAIN)).hasSizeGreaterThan(200);
    }

    @Test
    void withDeterministicIdsACamelRedeliveryAfterALostAnswerFindsItsTaskCreated() throws Exception {
        CamelContext camel = contextLosing(new LostAnswerInterceptor(0.3, 7L));
        // retryMaxAttempts=1: only Camel's redelivery sends again
        camel.addRoutes(redeliveringRoute("direct:named", "gcp-tasks:" + REDELIVERED_NAMED + "?" + TARGET
                                                          + "&deterministicTaskId=true&retryMaxAttempts=1"));
        ProducerTemplate template = camel.createProducerTemplate();
        Set<String> succeeded = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Exchange exchange = template.send("direct:named", e -> e.getMessage().setBody("message"));
            if (exchange.getException() == null) {
                succeeded.add(exchange.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class));
            }
        }

        assertThat(listed(REDELIVERED_NAMED)).hasSize(200).containsAll(succeeded);
        assertThat(succeeded).hasSizeGreaterThan(190);
    }

    private static RouteBuilder redeliveringRoute(String from, String to) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().maximumRedeliveries(5).redeliveryDelay(0));
                from(from).to(to);
            }
        };
    }

    @Test
    void attemptsSpentFailTheExchangeWithTheLastErrorAndTheTaskExistsOnce() {
        LostAnswerInterceptor interceptor = new LostAnswerInterceptor(1.0, 1L);
        ProducerTemplate template = contextLosing(interceptor).createProducerTemplate();

        Exchange exchange = template.send("gcp-tasks:" + ALWAYS_LOST + "?" + TARGET + "&deterministicTaskId=true"
                                          + FAST_RETRIES + "&retryMaxAttempts=4",
                e -> e.getMessage().setBody("lost"));

        assertThat(exchange.getException()).isInstanceOf(GcpTasksException.class)
                .hasMessageContaining("UNAVAILABLE").hasMessageContaining("gave up after 4 attempts");
        assertThat(exchange.getMessage().getHeader(GcpTasksConstants.CREATE_RETRIES)).isEqualTo(3);
        assertThat(interceptor.calls()).isEqualTo(4);
        assertThat(listed(ALWAYS_LOST)).hasSize(1);
    }

    @Test
    void theProducerCountsItsRetriesInAJmxAttribute() throws Exception {
        LostAnswerInterceptor interceptor = new LostAnswerInterceptor(1.0, 1L);
        CamelContext camel = contextLosing(interceptor);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:counted").routeId("counted")
                        .to("gcp-tasks:" + COUNTED + "?" + TARGET + "&deterministicTaskId=true" + FAST_RETRIES
                            + "&retryMaxAttempts=3");
            }
        });

        camel.createProducerTemplate().send("direct:counted", e -> e.getMessage().setBody("lost"));
        camel.createProducerTemplate().send("direct:counted", e -> e.getMessage().setBody("lost again"));

        MBeanServer server = camel.getManagementStrategy().getManagementAgent().getMBeanServer();
        Set<ObjectName> producers = server.queryNames(new ObjectName("org.apache.camel:type=producers,*"), null);
        long retries = 0;
        for (ObjectName producer : producers) {
            if (String.valueOf(server.getAttribute(producer, "EndpointUri")).startsWith("gcp-tasks:")) {
                retries += (Long) server.getAttribute(producer, "CreateTaskRetries");
            }
        }
        assertThat(retries).isEqualTo(4);
    }

    @Test
    void retryTimeoutEndsTheRetriesBeforeTheAttemptsAreSpent() {
        LostAnswerInterceptor interceptor = new LostAnswerInterceptor(1.0, 1L);
        ProducerTemplate template = contextLosing(interceptor).createProducerTemplate();

        Exchange exchange = template.send("gcp-tasks:" + TIME_BOUND + "?" + TARGET + "&deterministicTaskId=true"
                                          + "&retryInitialBackoff=20&retryMaxBackoff=20&retryMaxAttempts=100000"
                                          + "&retryTimeout=300",
                e -> e.getMessage().setBody("lost"));

        assertThat(exchange.getException()).isInstanceOf(GcpTasksException.class).hasMessageContaining("UNAVAILABLE");
        assertThat(interceptor.calls()).isGreaterThan(1).isLessThan(100000);
        assertThat(exchange.getMessage().getHeader(GcpTasksConstants.CREATE_RETRIES)).isEqualTo(interceptor.calls() - 1);
        assertThat(listed(TIME_BOUND)).hasSize(1);
    }

    @Test
    void withoutTheOptionCreateTaskIsTriedOnce() {
        LostAnswerInterceptor interceptor = new LostAnswerInterceptor(1.0, 1L);
        ProducerTemplate template = contextLosing(interceptor).createProducerTemplate();

        Exchange exchange = template.send("gcp-tasks:" + ONCE + "?" + TARGET, e -> e.getMessage().setBody("lost"));

        assertThat(exchange.getException()).isInstanceOf(GcpTasksException.class).hasMessageContaining("UNAVAILABLE")
                .hasMessageNotContaining("gave up");
        assertThat(interceptor.calls()).isEqualTo(1);
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKey(GcpTasksConstants.CREATE_RETRIES);
    }

    @Test
    void taskIdExpressionNamesTheTaskAfterTheHashOfItsValueAndAHeaderStillWins() {
        ProducerTemplate template = contextLosing(new LostAnswerInterceptor(0, 1L)).createProducerTemplate();
        String uri = "gcp-tasks:" + BY_KEY + "?" + TARGET + "&taskIdExpression=order-${header.orderId}";

        Exchange first = template.send(uri, e -> e.getMessage().setHeader("orderId", "42"));
        Exchange again = template.send(uri, e -> e.getMessage().setHeader("orderId", "42"));
        Exchange named = template.send(uri, e -> {
            e.getMessage().setHeader("orderId", "43");
            e.getMessage().setHeader(GcpTasksConstants.TASK_NAME, "chosen-by-hand");
        });

        String expected = BY_KEY + "/tasks/" + DeterministicTaskIds.hash("order-42");
        assertThat(first.getException()).isNull();
        assertThat(first.getMessage().getHeader(GcpTasksConstants.TASK_NAME)).isEqualTo(expected);
        assertThat(DeterministicTaskIds.hash("order-42")).matches("[0-9a-f]{32}");
        // the same key names the same task: the second send finds it created
        assertThat(again.getException()).isNull();
        assertThat(again.getMessage().getHeader(GcpTasksConstants.TASK_NAME)).isEqualTo(expected);
        assertThat(named.getMessage().getHeader(GcpTasksConstants.TASK_NAME))
                .isEqualTo(BY_KEY + "/tasks/chosen-by-hand");
        assertThat(listed(BY_KEY)).containsExactlyInAnyOrder(expected, BY_KEY + "/tasks/chosen-by-hand");
    }

    @Test
    void taskIdExpressionWithoutAValueIsRefusedBeforeAnyCall() {
        LostAnswerInterceptor interceptor = new LostAnswerInterceptor(0, 1L);
        ProducerTemplate template = contextLosing(interceptor).createProducerTemplate();

        Exchange exchange = template.send("gcp-tasks:" + BY_KEY + "?" + TARGET
                                          + "&taskIdExpression=${header.missing}", e -> e.getMessage().setBody("x"));

        assertThat(exchange.getException()).isInstanceOf(GcpTasksInvalidInputException.class)
                .hasMessageContaining("taskIdExpression ${header.missing} evaluated to an empty value");
        assertThat(interceptor.calls()).isZero();
    }

    @Test
    void retryOptionsThatCannotWorkAreRefusedWhenTheProducerStarts() {
        CamelContext camel = contextLosing(new LostAnswerInterceptor(0, 1L));

        assertThatThrownBy(() -> ServiceHelper.startService(camel.getEndpoint(
                "gcp-tasks:" + BY_KEY + "?" + TARGET + "&deterministicTaskId=true&retryMaxAttempts=0")
                .createProducer()))
                .hasMessageContaining("retryMaxAttempts must be at least 1");
        assertThatThrownBy(() -> ServiceHelper.startService(camel.getEndpoint(
                "gcp-tasks:" + BY_KEY + "?" + TARGET + "&deterministicTaskId=true&retryInitialBackoff=2s"
                + "&retryMaxBackoff=1s").createProducer()))
                .hasMessageContaining("retryMaxBackoff (1000 ms) must be at least retryInitialBackoff (2000 ms)");
    }

    @Test
    void aBatchNamesEachElementAfterTheExchangeAndItsIndex() {
        LostAnswerInterceptor interceptor = new LostAnswerInterceptor(0.3, 3L);
        ProducerTemplate template = contextLosing(interceptor).createProducerTemplate();

        Exchange exchange = template.send("gcp-tasks:" + BATCH + "?" + TARGET + "&batch=true&deterministicTaskId=true"
                                          + FAST_RETRIES,
                e -> e.getMessage().setBody(List.of("a", "b", "c", "d", "e", "f", "g", "h")));

        @SuppressWarnings("unchecked")
        List<GcpTasksBatchResult> results = exchange.getMessage().getBody(List.class);
        assertThat(results).hasSize(8).allMatch(GcpTasksBatchResult::isSuccess);
        Set<String> names = new HashSet<>();
        results.forEach(r -> names.add(r.taskName()));
        assertThat(names).hasSize(8);
        assertThat(listed(BATCH)).isEqualTo(names);
        assertThat(exchange.getMessage().getHeader(GcpTasksConstants.CREATE_RETRIES))
                .isEqualTo(interceptor.replaced());
    }
}
