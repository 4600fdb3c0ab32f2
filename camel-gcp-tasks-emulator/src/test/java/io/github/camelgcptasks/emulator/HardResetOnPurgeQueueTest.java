package io.github.camelgcptasks.emulator;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.Task;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.support.Clients;
import io.github.camelgcptasks.emulator.support.EmulatorFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelgcptasks.emulator.support.Clients.failure;
import static io.github.camelgcptasks.emulator.support.Clients.httpTask;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code hardResetOnPurgeQueue}: after PurgeQueue the names of purged and deleted tasks can be used again. */
class HardResetOnPurgeQueueTest {

    @RegisterExtension
    static final EmulatorFixture FIXTURE = new EmulatorFixture(new CloudTasksEmulatorExtension(
            CloudTasksEmulator.builder().hardResetOnPurgeQueue(true)));

    private final CloudTasksClient client = FIXTURE.client();
    private final String queue = FIXTURE.newPausedQueue("reset");

    private Task named(String id) {
        return httpTask("http://127.0.0.1:9/never", "x").setName(queue + "/tasks/" + id).build();
    }

    @Test
    void purgedAndDeletedNamesCanBeUsedAgain() {
        client.createTask(queue, named("purged"));
        client.createTask(queue, named("deleted"));
        client.deleteTask(queue + "/tasks/deleted");
        assertThat(failure(() -> client.createTask(queue, named("deleted"))).getStatusCode().getCode())
                .as("before the purge the deleted name is reserved").isEqualTo(StatusCode.Code.ALREADY_EXISTS);

        client.purgeQueue(queue);

        assertThat(client.createTask(queue, named("purged")).getName()).isEqualTo(queue + "/tasks/purged");
        assertThat(client.createTask(queue, named("deleted")).getName()).isEqualTo(queue + "/tasks/deleted");
        assertThat(client.listTasks(queue).iterateAll()).extracting(Task::getName)
                .containsExactlyInAnyOrder(queue + "/tasks/purged", queue + "/tasks/deleted");
    }

    @Test
    void otherQueuesKeepTheirReservedNames() {
        String other = FIXTURE.newPausedQueue("reset-other");
        client.createTask(other, httpTask("http://127.0.0.1:9/never", "x").setName(other + "/tasks/kept").build());
        client.deleteTask(other + "/tasks/kept");

        client.purgeQueue(queue);

        assertThat(failure(() -> client.createTask(other, httpTask("http://127.0.0.1:9/never", "x")
                .setName(other + "/tasks/kept").build())).getStatusCode().getCode())
                .isEqualTo(StatusCode.Code.ALREADY_EXISTS);
    }

    @Test
    void withoutItPurgedNamesStayReservedAsInTheService() throws Exception {
        try (CloudTasksEmulator plain = CloudTasksEmulator.builder().port(0).build().start();
             CloudTasksClient plainClient = Clients.client(plain)) {
            String plainQueue = Clients.queueName("plain");
            plainClient.createQueue(Clients.PARENT, Queue.newBuilder()
                    .setName(plainQueue).build());
            plainClient.pauseQueue(plainQueue);
            Task task = httpTask("http://127.0.0.1:9/never", "x").setName(plainQueue + "/tasks/purged").build();
            plainClient.createTask(plainQueue, task);

            plainClient.purgeQueue(plainQueue);

            assertThat(failure(() -> plainClient.createTask(plainQueue, task)).getStatusCode().getCode())
                    .isEqualTo(StatusCode.Code.ALREADY_EXISTS);
        }
    }
}
