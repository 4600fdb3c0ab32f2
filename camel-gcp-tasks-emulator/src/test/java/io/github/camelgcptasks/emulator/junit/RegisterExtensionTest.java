package io.github.camelgcptasks.emulator.junit;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.Queue;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.github.camelgcptasks.emulator.support.Clients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegisterExtensionTest {

    @RegisterExtension
    static final CloudTasksEmulatorExtension EMULATOR =
            CloudTasksEmulatorExtension.withQueues(Clients.queueName("a"), Clients.queueName("b"));

    @Test
    void startsWithTheGivenQueues() throws Exception {
        assertThat(EMULATOR.grpcEndpoint()).isEqualTo("127.0.0.1:" + EMULATOR.emulator().grpcPort());
        try (CloudTasksClient client = Clients.client(EMULATOR.emulator())) {
            List<String> names = new ArrayList<>();
            client.listQueues(Clients.PARENT).iterateAll().forEach(q -> names.add(q.getName()));
            assertThat(names).containsExactly(Clients.queueName("a"), Clients.queueName("b"));
            assertThat(client.getQueue(Clients.queueName("a")).getState()).isEqualTo(Queue.State.RUNNING);
        }
    }

    @Test
    void leavesTheWebConsoleOffUnlessAskedFor() throws Exception {
        HttpResponse<String> root = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + EMULATOR.grpcEndpoint() + "/")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(root.statusCode()).isEqualTo(404);
        assertThatThrownBy(() -> EMULATOR.emulator().consoleUrl()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("console(true)");
    }

    @Nested
    class NestedClass {
        @Test
        void sharesTheOuterEmulator(CloudTasksEmulator emulator) {
            assertThat(emulator).isSameAs(EMULATOR.emulator());
        }
    }
}
