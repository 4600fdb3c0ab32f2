package io.github.camelgcptasks.emulator.junit;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.Queue;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.github.camelgcptasks.emulator.support.Clients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(CloudTasksEmulatorExtension.class)
class ExtendWithInjectionTest {

    private static CloudTasksEmulator fromBeforeAll;
    private final CloudTasksEmulator fromConstructor;

    ExtendWithInjectionTest(CloudTasksEmulator emulator) {
        this.fromConstructor = emulator;
    }

    @BeforeAll
    static void remember(CloudTasksEmulator emulator) {
        fromBeforeAll = emulator;
    }

    @Test
    void injectsOneRunningEmulatorOnAFreePort(CloudTasksEmulator emulator) throws Exception {
        assertThat(emulator).isSameAs(fromConstructor).isSameAs(fromBeforeAll);
        assertThat(emulator.grpcPort()).isPositive().isNotEqualTo(CloudTasksEmulator.DEFAULT_PORT);
        try (CloudTasksClient client = Clients.client(emulator)) {
            Queue queue = client.createQueue(Clients.PARENT,
                    Queue.newBuilder().setName(Clients.queueName("injected")).build());
            assertThat(client.getQueue(queue.getName()).getState()).isEqualTo(Queue.State.RUNNING);
        }
    }
}
