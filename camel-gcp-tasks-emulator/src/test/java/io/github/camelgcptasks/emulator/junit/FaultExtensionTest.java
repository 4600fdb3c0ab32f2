package io.github.camelgcptasks.emulator.junit;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.tasks.v2.CloudTasksClient;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.github.camelgcptasks.emulator.support.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class FaultExtensionTest {

    @RegisterExtension
    static final CloudTasksEmulatorExtension EMULATOR = new CloudTasksEmulatorExtension(CloudTasksEmulator.builder()
            .queue(Clients.queueName("q"))
            .fault("ListQueues=PERMISSION_DENIED"));

    @Test
    void faultsOfTheBuilderHoldFromTheStart() throws Exception {
        try (CloudTasksClient client = Clients.client(EMULATOR.emulator())) {
            assertThat(Clients.failure(() -> client.listQueues(Clients.PARENT).iterateAll().iterator().hasNext())
                    .getStatusCode().getCode()).isEqualTo(StatusCode.Code.PERMISSION_DENIED);
            assertThat(client.getQueue(Clients.queueName("q")).getName()).isEqualTo(Clients.queueName("q"));
        }
    }
}
