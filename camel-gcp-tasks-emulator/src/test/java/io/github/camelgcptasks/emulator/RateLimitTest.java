package io.github.camelgcptasks.emulator;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.RateLimits;
import com.google.protobuf.FieldMask;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.support.EmulatorFixture;
import io.github.camelgcptasks.emulator.support.RecordingReceiver;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelgcptasks.emulator.support.Clients.PARENT;
import static io.github.camelgcptasks.emulator.support.Clients.httpTask;
import static io.github.camelgcptasks.emulator.support.Clients.queueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RateLimitTest {

    @RegisterExtension
    static final EmulatorFixture FIXTURE = new EmulatorFixture(new CloudTasksEmulatorExtension());

    private final CloudTasksClient client = FIXTURE.client();

    @Test
    void dispatchesAtMostMaxDispatchesPerSecond() {
        String queue = queueName("twenty-per-second");
        Queue created = client.createQueue(PARENT, Queue.newBuilder().setName(queue)
                .setRateLimits(RateLimits.newBuilder().setMaxDispatchesPerSecond(20)).build());
        assertThat(created.getRateLimits().getMaxBurstSize()).isEqualTo(4);
        client.pauseQueue(queue);
        try (RecordingReceiver receiver = new RecordingReceiver()) {
            for (int i = 0; i < 100; i++) {
                client.createTask(queue, httpTask(receiver.url("/rated"), "task " + i).build());
            }

            Instant start = Instant.now();
            client.resumeQueue(queue);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 100);

            // a burst of 4, then 96 tokens at 20/s: 4.8 s. Tolerance for a loaded 2-core machine: 4 s to 8 s.
            Duration took = Duration.between(start, receiver.received().get(99).at());
            assertThat(took).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
            // and evenly: 50 dispatches after the burst take 50 tokens at 20/s, 2.5 s (tolerance 1.5 s to 4 s)
            Duration half = Duration.between(receiver.received().get(3).at(), receiver.received().get(53).at());
            assertThat(half).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(4));
        }
    }

    @Test
    void neverHasMoreThanMaxConcurrentDispatchesOpen() {
        String queue = queueName("three-at-a-time");
        client.createQueue(PARENT, Queue.newBuilder().setName(queue)
                .setRateLimits(RateLimits.newBuilder().setMaxConcurrentDispatches(3)).build());
        client.pauseQueue(queue);
        try (RecordingReceiver receiver = new RecordingReceiver().delay(Duration.ofMillis(200))) {
            for (int i = 0; i < 15; i++) {
                client.createTask(queue, httpTask(receiver.url("/slow"), "task " + i).build());
            }

            client.resumeQueue(queue);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 15);

            assertThat(receiver.maxConcurrent()).isEqualTo(3);
        }
    }

    @Test
    void updatedLimitsApplyToTasksAlreadyQueued() {
        String queue = queueName("updated-limits");
        client.createQueue(PARENT, Queue.newBuilder().setName(queue).build());
        client.pauseQueue(queue);
        try (RecordingReceiver receiver = new RecordingReceiver().delay(Duration.ofMillis(200))) {
            for (int i = 0; i < 8; i++) {
                client.createTask(queue, httpTask(receiver.url("/later-limited"), "task " + i).build());
            }

            client.updateQueue(Queue.newBuilder().setName(queue)
                            .setRateLimits(RateLimits.newBuilder().setMaxConcurrentDispatches(2)).build(),
                    FieldMask.newBuilder().addPaths("rate_limits.max_concurrent_dispatches").build());
            client.resumeQueue(queue);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 8);

            assertThat(receiver.maxConcurrent()).isEqualTo(2);
        }
    }
}
