package io.github.camelgcptasks.component.producer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.RateLimits;
import com.google.cloud.tasks.v2.Task;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.component.GcpTasksException;
import io.github.camelgcptasks.component.GcpTasksInvalidInputException;
import io.github.camelgcptasks.component.GcpTasksOperation;
import io.github.camelgcptasks.component.support.CamelFixture;
import io.github.camelgcptasks.component.support.EmulatorSupport;
import io.github.camelgcptasks.component.support.RecordingHttpServer;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.grpc.Status;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Every producer operation against the emulator, plus autoCreateQueue, ALREADY_EXISTS handling and the health check.
 */
class ProducerOperationsTest {

    private static final String PREFIX = "projects/p/locations/l/queues/";
    private static final String HELD = PREFIX + "ops-held";
    private static final String RUNNING = PREFIX + "ops-running";

    static final CloudTasksEmulatorExtension EMULATOR = CloudTasksEmulatorExtension.withQueues(HELD, RUNNING);

    @RegisterExtension
    static final CamelFixture CAMEL = new CamelFixture(EMULATOR, HELD).withReceiver();

    private final RecordingHttpServer receiver = CAMEL.receiver();
    private final CloudTasksClient client = CAMEL.client();
    private final CamelContext context = CAMEL.context();
    private final ProducerTemplate template = CAMEL.template();

    private static String uniqueQueue() {
        return PREFIX + "q-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Exchange call(String queue, GcpTasksOperation operation, Object body, Map<String, Object> headers) {
        return template.send("gcp-tasks:" + queue + "?targetUrl=" + receiver.url("/ops") + "&operation=" + operation,
                e -> {
                    e.getMessage().setBody(body);
                    headers.forEach(e.getMessage()::setHeader);
                });
    }

    private Exchange ok(String queue, GcpTasksOperation operation, Object body, Map<String, Object> headers) {
        Exchange exchange = call(queue, operation, body, headers);
        assertThat(exchange.getException()).as("%s", operation).isNull();
        return exchange;
    }

    private String createHeld(String body) {
        return ok(HELD, GcpTasksOperation.createTask, body, Map.of()).getMessage()
                .getHeader(GcpTasksConstants.TASK_NAME, String.class);
    }

    @Test
    void getTaskReturnsTheTask() {
        String name = createHeld("g");
        String id = name.substring(name.lastIndexOf('/') + 1);
        Exchange exchange = ok(HELD, GcpTasksOperation.getTask, "unchanged?", Map.of(GcpTasksConstants.TASK_NAME, id));
        assertThat(exchange.getMessage().getBody(Task.class).getName()).isEqualTo(name);
        assertThat(exchange.getMessage().getHeader(GcpTasksConstants.TASK_NAME)).isEqualTo(name);
        assertThat(exchange.getMessage().getHeader(GcpTasksConstants.QUEUE_NAME)).isEqualTo(HELD);

        Exchange unnamed = call(HELD, GcpTasksOperation.getTask, null, Map.of());
        assertThat(unnamed.getException()).isInstanceOf(GcpTasksInvalidInputException.class)
                .hasMessageContaining(GcpTasksConstants.TASK_NAME);
        Exchange missing = call(HELD, GcpTasksOperation.getTask, null, Map.of(GcpTasksConstants.TASK_NAME, "nope"));
        assertThat(missing.getException()).isInstanceOf(GcpTasksException.class).hasMessageContaining("NOT_FOUND");
        assertThat(((GcpTasksException) missing.getException()).getTaskName()).isEqualTo(HELD + "/tasks/nope");
    }

    @Test
    void listTasksReturnsAllTasksOfTheQueue() {
        String a = createHeld("a");
        String b = createHeld("b");
        Exchange exchange = ok(HELD, GcpTasksOperation.listTasks, null, Map.of());
        @SuppressWarnings("unchecked")
        List<Task> tasks = exchange.getMessage().getBody(List.class);
        assertThat(tasks).extracting(Task::getName).contains(a, b)
                .hasSize(EmulatorSupport.tasks(client, HELD).size());
    }

    @Test
    void deleteTaskRemovesItAndKeepsTheBody() {
        String name = createHeld("d");
        Exchange exchange = ok(HELD, GcpTasksOperation.deleteTask, "keep me", Map.of(GcpTasksConstants.TASK_NAME, name));
        assertThat(exchange.getMessage().getBody()).isEqualTo("keep me");
        assertThatThrownBy(() -> client.getTask(name)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void runTaskDispatchesAPausedQueuesTaskNow() {
        String name = createHeld("run me");
        Exchange exchange = ok(HELD, GcpTasksOperation.runTask, null, Map.of(GcpTasksConstants.TASK_NAME, name));
        assertThat(exchange.getMessage().getBody(Task.class).getName()).isEqualTo(name);
        assertThat(receiver.awaitTask(name).bodyText()).isEqualTo("run me");
    }

    @Test
    void operationHeaderOverridesTheOptionAsEnumOrName() {
        String name = createHeld("h");
        Exchange byEnum = ok(HELD, GcpTasksOperation.createTask, null,
                Map.of(GcpTasksConstants.OPERATION, GcpTasksOperation.getTask, GcpTasksConstants.TASK_NAME, name));
        assertThat(byEnum.getMessage().getBody()).isInstanceOf(Task.class);
        Exchange byName = ok(HELD, GcpTasksOperation.createTask, null, Map.of(GcpTasksConstants.OPERATION, "getQueue"));
        assertThat(byName.getMessage().getBody(Queue.class).getName()).isEqualTo(HELD);
        Exchange wrong = call(HELD, GcpTasksOperation.createTask, null, Map.of(GcpTasksConstants.OPERATION, "explode"));
        assertThat(wrong.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'explode' is not an operation");
    }

    @Test
    void queueLifecycle() {
        String queue = uniqueQueue();
        Exchange created = ok(queue, GcpTasksOperation.createQueue, null, Map.of());
        assertThat(created.getMessage().getBody(Queue.class).getName()).isEqualTo(queue);
        assertThat(client.getQueue(queue).getName()).isEqualTo(queue);

        assertThat(ok(queue, GcpTasksOperation.getQueue, null, Map.of()).getMessage().getBody(Queue.class).getState())
                .isEqualTo(Queue.State.RUNNING);
        assertThat(ok(queue, GcpTasksOperation.pauseQueue, null, Map.of()).getMessage().getBody(Queue.class).getState())
                .isEqualTo(Queue.State.PAUSED);
        assertThat(client.getQueue(queue).getState()).isEqualTo(Queue.State.PAUSED);

        ok(queue, GcpTasksOperation.createTask, "p", Map.of());
        assertThat(EmulatorSupport.tasks(client, queue)).hasSize(1);
        assertThat(ok(queue, GcpTasksOperation.purgeQueue, null, Map.of()).getMessage().getBody(Queue.class).getName())
                .isEqualTo(queue);
        await().until(() -> EmulatorSupport.tasks(client, queue).isEmpty());

        assertThat(ok(queue, GcpTasksOperation.resumeQueue, null, Map.of()).getMessage().getBody(Queue.class).getState())
                .isEqualTo(Queue.State.RUNNING);

        @SuppressWarnings("unchecked")
        List<Queue> queues = ok(queue, GcpTasksOperation.listQueues, null, Map.of()).getMessage().getBody(List.class);
        assertThat(queues).extracting(Queue::getName).contains(queue, HELD, RUNNING);

        Exchange deleted = ok(queue, GcpTasksOperation.deleteQueue, "body", Map.of());
        assertThat(deleted.getMessage().getBody()).isEqualTo("body");
        assertThatThrownBy(() -> client.getQueue(queue)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void createQueueFromAQueueBody() {
        String queue = uniqueQueue();
        Queue wanted = Queue.newBuilder().setRateLimits(RateLimits.newBuilder().setMaxDispatchesPerSecond(7)).build();
        Queue created = ok(queue, GcpTasksOperation.createQueue, wanted, Map.of()).getMessage().getBody(Queue.class);
        assertThat(created.getRateLimits().getMaxDispatchesPerSecond()).isEqualTo(7);
        assertThat(client.getQueue(queue).getRateLimits().getMaxDispatchesPerSecond()).isEqualTo(7);

        Exchange again = call(queue, GcpTasksOperation.createQueue, null, Map.of());
        assertThat(again.getException()).isInstanceOf(GcpTasksException.class);
        assertThat(((GcpTasksException) again.getException()).getStatusCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    }

    @Test
    void autoCreateQueueCreatesAMissingQueueAndAcceptsAnExistingOne() throws Exception {
        String missing = uniqueQueue();
        assertThatThrownBy(() -> client.getQueue(missing)).isInstanceOf(NotFoundException.class);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:auto-missing").to("gcp-tasks:" + missing + "?autoCreateQueue=true&targetUrl="
                                               + receiver.url("/auto"));
                from("direct:auto-existing").to("gcp-tasks:" + HELD + "?autoCreateQueue=true&targetUrl="
                                                + receiver.url("/auto"));
            }
        });
        // the queues are there as soon as the routes started, before any exchange
        assertThat(client.getQueue(missing).getName()).isEqualTo(missing);
        String before = createHeld("stays");
        assertThat(client.getQueue(HELD).getState()).as("an existing queue is left as it is")
                .isEqualTo(Queue.State.PAUSED);
        Exchange exchange = template.send("direct:auto-existing", e -> e.getMessage().setBody("x"));
        assertThat(exchange.getException()).isNull();
        assertThat(EmulatorSupport.tasks(client, HELD)).extracting(Task::getName).contains(before,
                exchange.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class));
    }

    @Test
    void alreadyExistsFailsUnlessIgnored() {
        String name = HELD + "/tasks/dup-" + UUID.randomUUID();
        ok(HELD, GcpTasksOperation.createTask, "first", Map.of(GcpTasksConstants.TASK_NAME, name));

        Exchange failed = call(HELD, GcpTasksOperation.createTask, "second", Map.of(GcpTasksConstants.TASK_NAME, name));
        assertThat(failed.getException()).isInstanceOf(GcpTasksException.class)
                .hasMessageContaining("ALREADY_EXISTS").hasMessageContaining(name);
        GcpTasksException e = (GcpTasksException) failed.getException();
        assertThat(e.getStatusCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(e.getTaskName()).isEqualTo(name);
        assertThat(e.getQueueName()).isEqualTo(HELD);

        Exchange ignored = template.send("gcp-tasks:" + HELD + "?ignoreAlreadyExists=true&targetUrl=" + receiver.url("/x"),
                x -> {
                    x.getMessage().setBody("third");
                    x.getMessage().setHeader(GcpTasksConstants.TASK_NAME, name);
                });
        assertThat(ignored.getException()).isNull();
        assertThat(ignored.getMessage().getHeader(GcpTasksConstants.TASK_NAME)).isEqualTo(name);
        assertThat(EmulatorSupport.fullTask(client, name).getHttpRequest().getBody().toStringUtf8()).isEqualTo("first");
    }

    @Test
    void missingQueueIsAGcpTasksExceptionWithStatusAndQueue() {
        String missing = uniqueQueue();
        Exchange exchange = call(missing, GcpTasksOperation.createTask, "x", Map.of());
        assertThat(exchange.getException()).isInstanceOf(GcpTasksException.class)
                .hasMessageContaining("NOT_FOUND").hasMessageContaining(missing);
        GcpTasksException e = (GcpTasksException) exchange.getException();
        assertThat(e.getStatusCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(e.getQueueName()).isEqualTo(missing);
    }

    @Test
    void healthCheckReportsWhetherTheQueueIsReachable() throws Exception {
        String missing = uniqueQueue();
        HealthCheckRepository producers = HealthCheckHelper.getHealthCheckRepository(context, "producers");
        assertThat(producers).as("camel-health provides the producers repository").isNotNull();
        producers.setEnabled(true);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:health-ok").id("health-ok").to("gcp-tasks:" + HELD + "?targetUrl=" + receiver.url("/h"));
                from("direct:health-missing").id("health-missing")
                        .to("gcp-tasks:" + missing + "?targetUrl=" + receiver.url("/h"));
            }
        });
        List<HealthCheck> checks = producers.stream().filter(c -> c.getId().startsWith("producer:gcp-tasks-")).toList();
        assertThat(checks).hasSizeGreaterThanOrEqualTo(2);
        Optional<HealthCheck.Result> up = checks.stream().map(HealthCheck::callReadiness)
                .filter(r -> HELD.equals(r.getDetails().get("queue"))).findFirst();
        Optional<HealthCheck.Result> down = checks.stream().map(HealthCheck::callReadiness)
                .filter(r -> missing.equals(r.getDetails().get("queue"))).findFirst();
        assertThat(up).get().extracting(HealthCheck.Result::getState).isEqualTo(HealthCheck.State.UP);
        assertThat(up.get().getDetails()).containsEntry("state", "PAUSED");
        assertThat(down).get().extracting(HealthCheck.Result::getState).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.get().getMessage()).get().asString().contains("NOT_FOUND");
    }
}
