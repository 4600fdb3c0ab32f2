package io.github.camelgcptasks.emulator;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.RateLimits;
import com.google.cloud.tasks.v2.RetryConfig;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.Duration;
import io.github.camelgcptasks.emulator.support.Clients;
import io.github.camelgcptasks.emulator.support.RecordingReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.camelgcptasks.emulator.support.Clients.failure;
import static io.github.camelgcptasks.emulator.support.Clients.httpTask;
import static io.github.camelgcptasks.emulator.support.Clients.queueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** Queues with their own settings at start: builder, queues file, and what a bad one does. */
class InitialQueuesTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(InitialQueuesTest.class.getResource("/queues/" + name).toURI());
    }

    private static Duration seconds(long s) {
        return Duration.newBuilder().setSeconds(s).build();
    }

    @Test
    void gcloudDescribeOutputGivesAQueueWithThoseSettings() throws Exception {
        try (CloudTasksEmulator emulator = CloudTasksEmulator.builder().port(0)
                .queuesFile(resource("gcloud-describe.json")).build().start();
             CloudTasksClient client = Clients.client(emulator)) {

            Queue queue = client.getQueue(queueName("slow-orders"));

            assertThat(queue.getState()).isEqualTo(Queue.State.RUNNING);
            assertThat(queue.getRateLimits()).isEqualTo(RateLimits.newBuilder().setMaxDispatchesPerSecond(5)
                    .setMaxConcurrentDispatches(2).setMaxBurstSize(1).build());
            assertThat(queue.getRetryConfig()).isEqualTo(RetryConfig.newBuilder().setMaxAttempts(5)
                    .setMinBackoff(seconds(10)).setMaxBackoff(seconds(300)).setMaxDoublings(3)
                    .setMaxRetryDuration(seconds(3600)).build());
            assertThat(queue.getStackdriverLoggingConfig().getSamplingRatio()).isEqualTo(1.0);
        }
    }

    @Test
    void gcloudListOutputGivesEveryQueueAndKeepsPausedOnesPaused() throws Exception {
        try (CloudTasksEmulator emulator = CloudTasksEmulator.builder().port(0)
                .queuesFile(resource("gcloud-list.json")).build().start();
             CloudTasksClient client = Clients.client(emulator)) {

            assertThat(client.listQueues(Clients.PARENT).iterateAll()).extracting(Queue::getName)
                    .containsExactly(queueName("listed-one"), queueName("listed-paused"));
            Queue paused = client.getQueue(queueName("listed-paused"));
            assertThat(paused.getState()).isEqualTo(Queue.State.PAUSED);
            assertThat(paused.getRetryConfig().getMaxAttempts()).isEqualTo(-1);
            assertThat(paused.hasPurgeTime()).as("output only, not taken from the file").isFalse();
            assertThat(emulator.initialQueues()).extracting(Queue::getName)
                    .containsExactly(queueName("listed-one"), queueName("listed-paused"));
        }
    }

    @Test
    void settingsGivenOnTheBuilderDriveDispatch() throws Exception {
        Queue once = Queue.newBuilder().setName(queueName("once"))
                .setRetryConfig(RetryConfig.newBuilder().setMaxAttempts(1)).build();
        try (RecordingReceiver receiver = new RecordingReceiver();
             CloudTasksEmulator emulator = CloudTasksEmulator.builder().port(0).queue(once).build().start();
             CloudTasksClient client = Clients.client(emulator)) {
            receiver.answerWith(request -> 503);

            Task task = client.createTask(queueName("once"), httpTask(receiver.url("/once"), "x").build());

            // one attempt only: after its 503 the task is dropped instead of retried
            await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(failure(() -> client.getTask(task.getName())).getMessage())
                            .contains("The task no longer exists"));
            assertThat(receiver.received()).hasSize(1);
            assertThat(client.getQueue(queueName("once")).getRetryConfig().getMaxAttempts()).isEqualTo(1);
        }
    }

    @Test
    void badQueueFailsTheStartNamingQueueAndFieldAndBindsNoPort(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("queues.json");
        Files.writeString(file, "[{\"name\": \"" + queueName("good") + "\"},"
                + " {\"name\": \"" + queueName("too-fast") + "\", \"rateLimits\": {\"maxDispatchesPerSecond\": 600}}]");
        int grpcPort = freePort();
        int oidcPort = freePort();
        CloudTasksEmulator emulator = CloudTasksEmulator.builder().port(grpcPort).oidcPort(oidcPort)
                .queuesFile(file).build();

        IllegalArgumentException refused = catchThrowableOfType(IllegalArgumentException.class, emulator::start);

        assertThat(refused).hasMessageContaining(file.toString())
                .hasMessageContaining("\"" + queueName("too-fast") + "\"")
                .hasMessageContaining("max_dispatches_per_second").hasMessageContaining("at most 500");
        assertPortFree(grpcPort);
        assertPortFree(oidcPort);
    }

    @Test
    void missingFileFailsTheStart(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere.json");
        CloudTasksEmulator emulator = CloudTasksEmulator.builder().port(0).queuesFile(missing).build();

        assertThat(catchThrowableOfType(IllegalArgumentException.class, emulator::start))
                .hasMessageContaining("Cannot read queues file " + missing + ": there is no such file");
    }

    @Test
    void invalidSettingOnTheBuilderFailsTheStart() {
        CloudTasksEmulator emulator = CloudTasksEmulator.builder().port(0).queue(Queue.newBuilder()
                .setName(queueName("crowded"))
                .setRateLimits(RateLimits.newBuilder().setMaxConcurrentDispatches(5001)).build()).build();

        assertThat(catchThrowableOfType(IllegalArgumentException.class, emulator::start))
                .hasMessageContaining("\"" + queueName("crowded") + "\"")
                .hasMessageContaining("max_concurrent_dispatches").hasMessageContaining("5000");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void assertPortFree(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }
}
