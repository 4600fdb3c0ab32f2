package io.github.camelgcptasks.emulator.junit;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.RateLimits;
import com.google.cloud.tasks.v2.RetryConfig;
import io.github.camelgcptasks.emulator.support.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class QueueSettingsExtensionTest {

    @RegisterExtension
    static final CloudTasksEmulatorExtension EMULATOR = CloudTasksEmulatorExtension.withQueues(
            Queue.newBuilder().setName(Clients.queueName("limited"))
                    .setRateLimits(RateLimits.newBuilder().setMaxDispatchesPerSecond(20))
                    .setRetryConfig(RetryConfig.newBuilder().setMaxAttempts(3)).build(),
            Queue.newBuilder().setName(Clients.queueName("held")).setState(Queue.State.PAUSED).build());

    @Test
    void startsWithTheQueuesAndTheirSettings() throws Exception {
        try (CloudTasksClient client = Clients.client(EMULATOR.emulator())) {
            Queue limited = client.getQueue(Clients.queueName("limited"));
            assertThat(limited.getRateLimits().getMaxDispatchesPerSecond()).isEqualTo(20);
            assertThat(limited.getRateLimits().getMaxBurstSize()).isEqualTo(4);
            assertThat(limited.getRetryConfig().getMaxAttempts()).isEqualTo(3);
            assertThat(limited.getState()).isEqualTo(Queue.State.RUNNING);
            assertThat(client.getQueue(Clients.queueName("held")).getState()).isEqualTo(Queue.State.PAUSED);
        }
    }
}
