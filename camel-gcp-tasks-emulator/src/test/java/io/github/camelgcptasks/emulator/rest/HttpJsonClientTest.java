package io.github.camelgcptasks.emulator.rest;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.location.ListLocationsRequest;
import com.google.cloud.location.Location;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.CloudTasksSettings;
import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.ListTasksRequest;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.RateLimits;
import com.google.cloud.tasks.v2.Task;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.support.EmulatorFixture;
import io.github.camelgcptasks.emulator.support.RecordingReceiver;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelgcptasks.emulator.support.Clients.PARENT;
import static io.github.camelgcptasks.emulator.support.Clients.PROJECT;
import static io.github.camelgcptasks.emulator.support.Clients.httpTask;
import static io.github.camelgcptasks.emulator.support.Clients.queueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The Java client's REST transport ({@code CloudTasksSettings.newHttpJsonBuilder()}), unchanged, against the emulator. */
class HttpJsonClientTest {

    @RegisterExtension
    static final EmulatorFixture FIXTURE = new EmulatorFixture(new CloudTasksEmulatorExtension());

    private static CloudTasksClient client;

    @BeforeAll
    static void connect() throws IOException {
        client = CloudTasksClient.create(CloudTasksSettings.newHttpJsonBuilder()
                .setEndpoint(FIXTURE.emulator().restUrl())
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void roundTrip() {
        RecordingReceiver receiver = FIXTURE.newReceiver();
        String queue = queueName("http-json");

        Queue created = client.createQueue(PARENT, Queue.newBuilder().setName(queue)
                .setRateLimits(RateLimits.newBuilder().setMaxDispatchesPerSecond(50)).build());
        assertThat(created.getState()).isEqualTo(Queue.State.RUNNING);
        assertThat(created.getRateLimits().getMaxDispatchesPerSecond()).isEqualTo(50.0);

        Task task = client.createTask(queue, httpTask(receiver.url("/json"), "{\"n\":1}")
                .setHttpRequest(httpTask(receiver.url("/json"), "{\"n\":1}").getHttpRequestBuilder()
                        .setHttpMethod(HttpMethod.PUT).putHeaders("Content-Type", "application/json"))
                .build());
        String taskId = task.getName().substring(task.getName().lastIndexOf('/') + 1);
        assertThat(task.getHttpRequest().getHttpMethod()).isEqualTo(HttpMethod.PUT);

        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.forTask(taskId).isEmpty());
        RecordingReceiver.Received delivered = receiver.forTask(taskId).get(0);
        assertThat(delivered.method()).isEqualTo("PUT");
        assertThat(delivered.bodyText()).isEqualTo("{\"n\":1}");
        assertThat(delivered.header("Content-Type")).isEqualTo("application/json");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> client.getTask(task.getName())).isInstanceOf(NotFoundException.class));

        client.pauseQueue(queue);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            names.add(client.createTask(queue, httpTask(receiver.url("/later"), "x" + i).build()).getName());
        }
        assertThat(client.getTask(names.get(0)).getName()).isEqualTo(names.get(0));
        CloudTasksClient.ListTasksPagedResponse pages = client.listTasks(ListTasksRequest.newBuilder()
                .setParent(queue).setPageSize(2).build());
        List<String> listed = new ArrayList<>();
        int pageCount = 0;
        for (CloudTasksClient.ListTasksPage page : pages.iteratePages()) {
            page.getValues().forEach(t -> listed.add(t.getName()));
            pageCount++;
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(names);
        assertThat(pageCount).isEqualTo(3);

        client.deleteTask(names.get(0));
        assertThatThrownBy(() -> client.getTask(names.get(0))).isInstanceOf(NotFoundException.class);
        client.deleteQueue(queue);
        assertThatThrownBy(() -> client.getQueue(queue)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void listLocations() {
        FIXTURE.newQueue("where");
        List<String> names = new ArrayList<>();
        for (Location location : client.listLocations(ListLocationsRequest.newBuilder()
                .setName("projects/" + PROJECT).build()).iterateAll()) {
            names.add(location.getName());
        }
        assertThat(names).containsExactly(PARENT);
    }
}
