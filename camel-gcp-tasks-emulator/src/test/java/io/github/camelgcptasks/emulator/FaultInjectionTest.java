package io.github.camelgcptasks.emulator;

import com.google.api.gax.grpc.GrpcCallContext;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.CreateTaskRequest;
import com.google.cloud.tasks.v2.Task;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.support.Clients;
import io.github.camelgcptasks.emulator.support.EmulatorFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelgcptasks.emulator.support.Clients.failure;
import static io.github.camelgcptasks.emulator.support.Clients.httpTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Injected faults, seen by the real Java client. */
class FaultInjectionTest {

    @RegisterExtension
    static final EmulatorFixture FIXTURE = new EmulatorFixture(new CloudTasksEmulatorExtension());

    private final CloudTasksClient client = FIXTURE.client();
    private final String queue = FIXTURE.newPausedQueue("faults");

    @AfterEach
    void clearFaults() {
        FIXTURE.emulator().clearFaults();
    }

    private Task task(String id) {
        return httpTask("http://127.0.0.1:9/never", "x").setName(queue + "/tasks/" + id).build();
    }

    /** Creates tasks t1..tN and answers each call's status code. */
    private static List<StatusCode.Code> createTasks(CloudTasksClient client, String queue, int count) {
        List<StatusCode.Code> codes = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Task task = httpTask("http://127.0.0.1:9/never", "x").setName(queue + "/tasks/t" + i).build();
            try {
                client.createTask(queue, task);
                codes.add(StatusCode.Code.OK);
            } catch (com.google.api.gax.rpc.ApiException e) {
                codes.add(e.getStatusCode().getCode());
            }
        }
        return codes;
    }

    @Test
    void spreadShareFailsExactlyThoseCallsAndTheyTakeNoEffect() {
        FIXTURE.emulator().injectFault("CreateTask=UNAVAILABLE:1/3");

        List<StatusCode.Code> codes = createTasks(client, queue, 6);

        assertThat(codes).containsExactly(StatusCode.Code.OK, StatusCode.Code.OK, StatusCode.Code.UNAVAILABLE,
                StatusCode.Code.OK, StatusCode.Code.OK, StatusCode.Code.UNAVAILABLE);
        assertThat(client.listTasks(queue).iterateAll()).extracting(Task::getName)
                .containsExactlyInAnyOrder(queue + "/tasks/t1", queue + "/tasks/t2", queue + "/tasks/t4",
                        queue + "/tasks/t5");
    }

    @Test
    void injectedStatusSaysItIsInjected() {
        FIXTURE.emulator().injectFault("CreateTask=RESOURCE_EXHAUSTED");

        assertThat(failure(() -> client.createTask(queue, task("refused"))).getMessage())
                .contains("RESOURCE_EXHAUSTED").contains("Fault injected by the Cloud Tasks emulator")
                .contains("CreateTask=RESOURCE_EXHAUSTED");
    }

    @Test
    void otherMethodsAreUntouchedAndClearingEndsTheFault() {
        FIXTURE.emulator().injectFault("CreateTask=FAILED_PRECONDITION");

        assertThat(client.getQueue(queue).getName()).isEqualTo(queue);
        assertThat(failure(() -> client.createTask(queue, task("before"))).getStatusCode().getCode())
                .isEqualTo(StatusCode.Code.FAILED_PRECONDITION);
        FIXTURE.emulator().clearFaults();
        assertThat(client.createTask(queue, task("after")).getName()).isEqualTo(queue + "/tasks/after");
    }

    @Test
    void wildcardAppliesToEveryMethod() {
        FIXTURE.emulator().injectFault("*=PERMISSION_DENIED");

        assertThat(failure(() -> client.getQueue(queue)).getStatusCode().getCode())
                .isEqualTo(StatusCode.Code.PERMISSION_DENIED);
        assertThat(failure(() -> client.listTasks(queue).iterateAll().iterator().hasNext()).getStatusCode()
                .getCode()).isEqualTo(StatusCode.Code.PERMISSION_DENIED);
    }

    @Test
    void pseudoRandomShareRepeatsForTheSameSeed() throws Exception {
        List<List<StatusCode.Code>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            try (CloudTasksEmulator emulator = CloudTasksEmulator.builder().port(0).faultSeed(42)
                    .queue(Clients.queueName("seeded")).fault("CreateTask=UNAVAILABLE:0.5").build().start();
                 CloudTasksClient seededClient = Clients.client(emulator)) {
                seededClient.pauseQueue(Clients.queueName("seeded"));
                runs.add(createTasks(seededClient, Clients.queueName("seeded"), 20));
            }
        }

        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        assertThat(runs.get(0)).contains(StatusCode.Code.OK, StatusCode.Code.UNAVAILABLE);
    }

    @Test
    void delayedAnswerArrivesIntact() {
        FIXTURE.emulator().injectFault("GetQueue=delay:100ms");

        assertThat(client.getQueue(queue).getName()).isEqualTo(queue);
    }

    @Test
    void answerDelayedPastTheClientDeadlineFailsTheCallButItTookEffect() {
        FIXTURE.emulator().injectFault("CreateTask=delay:1m");
        CreateTaskRequest request = CreateTaskRequest.newBuilder().setParent(queue).setTask(task("slow")).build();

        assertThat(failure(() -> client.createTaskCallable().call(request,
                GrpcCallContext.createDefault().withTimeoutDuration(Duration.ofSeconds(1)))).getStatusCode().getCode())
                .isEqualTo(StatusCode.Code.DEADLINE_EXCEEDED);
        // the ambiguous failure a producer's retry must handle: the task exists although the call failed
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(client.listTasks(queue).iterateAll()).extracting(Task::getName)
                        .containsExactly(queue + "/tasks/slow"));
    }

    @Test
    void clientRetriesOfIdempotentCallsRideOverTransientFaults() {
        FIXTURE.emulator().injectFault("GetQueue=UNAVAILABLE:1/2");

        // call 1 passes; call 2 fails and the client's own retry policy for GetQueue sends call 3, which passes
        assertThat(client.getQueue(queue).getName()).isEqualTo(queue);
        assertThat(client.getQueue(queue).getName()).isEqualTo(queue);
        assertThat(FIXTURE.emulator().faults()).extracting(Object::toString)
                .containsExactly("GetQueue=UNAVAILABLE:1/2");
    }
}
