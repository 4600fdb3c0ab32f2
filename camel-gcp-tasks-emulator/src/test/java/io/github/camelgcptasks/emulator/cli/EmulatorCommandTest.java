package io.github.camelgcptasks.emulator.cli;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.Task;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.github.camelgcptasks.emulator.support.Clients;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmulatorCommandTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private EmulatorCommand parse(String... args) {
        EmulatorCommand command = new EmulatorCommand(new PrintStream(printed, true, StandardCharsets.UTF_8));
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void goEmulatorSpellingsStartTheConfiguredEmulator() throws Exception {
        EmulatorCommand command = parse("-host", "127.0.0.1", "-port", "0",
                "-queue", Clients.queueName("one"), "-queue", Clients.queueName("two"),
                "-openid-issuer", "http://issuer.test", "-oidc-port", "0");

        try (CloudTasksEmulator emulator = command.start(); CloudTasksClient client = Clients.client(emulator)) {
            assertThat(emulator.openIdIssuer()).isEqualTo("http://issuer.test");
            assertThat(client.getQueue(Clients.queueName("one")).getState()).isEqualTo(Queue.State.RUNNING);
            assertThat(client.getQueue(Clients.queueName("two")).getState()).isEqualTo(Queue.State.RUNNING);
            String output = printed.toString(StandardCharsets.UTF_8);
            assertThat(output).contains("listening on " + emulator.grpcEndpoint())
                    .contains("Web console: http://" + emulator.grpcEndpoint() + "/")
                    .contains("JWKS: " + emulator.jwksUrl());
        }
    }

    @Test
    void noConsoleServesNoPageAndPrintsNoConsoleUrl() throws Exception {
        EmulatorCommand command = parse("--port=0", "--no-console");

        try (CloudTasksEmulator emulator = command.start()) {
            HttpResponse<String> root = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + emulator.grpcEndpoint() + "/")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(root.statusCode()).isEqualTo(404);
            assertThat(root.body()).doesNotContain("<html");
            assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("Web console");
        }
    }

    @Test
    void doubleDashSpellingsWork() throws Exception {
        EmulatorCommand command = parse("--host=127.0.0.1", "--port=0", "--queue", Clients.queueName("q"),
                "--openid-issuer", "http://other.test", "--oidc-port=0", "--app-engine-host", "http://127.0.0.1:9");

        try (CloudTasksEmulator emulator = command.start(); CloudTasksClient client = Clients.client(emulator)) {
            assertThat(emulator.openIdIssuer()).isEqualTo("http://other.test");
            assertThat(client.getQueue(Clients.queueName("q")).getName()).isEqualTo(Clients.queueName("q"));
        }
    }

    @Test
    void hardResetOnPurgeQueueFlagLetsPurgedNamesBeReused() throws Exception {
        EmulatorCommand command = parse("--port", "0", "-hard-reset-on-purge-queue", "--queue", Clients.queueName("r"));

        try (CloudTasksEmulator emulator = command.start(); CloudTasksClient client = Clients.client(emulator)) {
            client.pauseQueue(Clients.queueName("r"));
            Task task = Clients.httpTask("http://127.0.0.1:9/never", "x")
                    .setName(Clients.queueName("r") + "/tasks/again").build();
            client.createTask(Clients.queueName("r"), task);
            client.purgeQueue(Clients.queueName("r"));

            assertThat(client.createTask(Clients.queueName("r"), task).getName()).isEqualTo(task.getName());
        }
    }

    @Test
    void openIdIssuerServesTheKeysOnItsPort() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmulatorCommand command = parse("--port", "0", "--openid-issuer", "http://localhost:" + port);

        try (CloudTasksEmulator emulator = command.start()) {
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("JWKS: http://localhost:" + port + "/jwks");
        }
    }

    @Test
    void queuesFileAndInlineJsonCreateQueuesWithTheirSettings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("queues.json");
        Files.writeString(file, "{\"name\": \"" + Clients.queueName("from-file") + "\", "
                + "\"retryConfig\": {\"maxAttempts\": 4}, \"state\": \"PAUSED\"}");
        EmulatorCommand command = parse("--port", "0", "--queue", Clients.queueName("plain"),
                "--queues-file", file.toString(),
                "--queues-json", "[{\"name\": \"" + Clients.queueName("inline") + "\", "
                        + "\"rateLimits\": {\"maxConcurrentDispatches\": 7}}]");

        try (CloudTasksEmulator emulator = command.start(); CloudTasksClient client = Clients.client(emulator)) {
            Queue fromFile = client.getQueue(Clients.queueName("from-file"));
            assertThat(fromFile.getRetryConfig().getMaxAttempts()).isEqualTo(4);
            assertThat(fromFile.getState()).isEqualTo(Queue.State.PAUSED);
            assertThat(client.getQueue(Clients.queueName("inline")).getRateLimits().getMaxConcurrentDispatches())
                    .isEqualTo(7);
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("Queue: " + Clients.queueName("plain") + "\n")
                    .contains("Queue: " + Clients.queueName("from-file") + " (paused)")
                    .contains("Queue: " + Clients.queueName("inline"));
        }
    }

    @Test
    void badQueuesFileStopsTheCommandWithItsReason(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("queues.json");
        Files.writeString(file, "{\"name\": \"" + Clients.queueName("typo") + "\", "
                + "\"retryConfig\": {\"maxAttemps\": 4}}");
        EmulatorCommand command = parse("--port", "0", "--queues-file", file.toString());

        assertThatThrownBy(command::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Clients.queueName("typo")).hasMessageContaining("retryConfig.maxAttemps");
    }

    @Test
    void faultFlagsInjectFaults() throws Exception {
        EmulatorCommand command = parse("--port", "0", "--queue", Clients.queueName("f"),
                "--fault", "CreateTask=UNAVAILABLE:1/2", "--fault-seed", "3");

        try (CloudTasksEmulator emulator = command.start(); CloudTasksClient client = Clients.client(emulator)) {
            client.pauseQueue(Clients.queueName("f"));
            Task task = Clients.httpTask("http://127.0.0.1:9/never", "x").build();

            assertThat(client.createTask(Clients.queueName("f"), task).getName()).isNotEmpty();
            assertThat(Clients.failure(() -> client.createTask(Clients.queueName("f"), task)).getStatusCode()
                    .getCode()).isEqualTo(StatusCode.Code.UNAVAILABLE);
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("Injecting fault: CreateTask=UNAVAILABLE:1/2");
            assertThat(command.faultSeed).isEqualTo(3);
        }
    }

    @Test
    void badFaultFlagStopsTheCommandWithItsReason() {
        EmulatorCommand command = parse("--port", "0", "--fault", "CreateTask=SOMETIMES");

        assertThatThrownBy(command::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid fault \"CreateTask=SOMETIMES\"");
    }

    @Test
    void allowQueueNameReuseLetsADeletedQueueBeCreatedAgain() throws Exception {
        EmulatorCommand command = parse("--port", "0", "--allow-queue-name-reuse");
        Queue queue = Queue.newBuilder().setName(Clients.queueName("again")).build();

        try (CloudTasksEmulator emulator = command.start(); CloudTasksClient client = Clients.client(emulator)) {
            client.createQueue(Clients.PARENT, queue);
            client.deleteQueue(queue.getName());
            assertThat(client.createQueue(Clients.PARENT, queue).getName()).isEqualTo(queue.getName());
        }
        assertThat(parse().allowQueueNameReuse).isFalse();
    }

    @Test
    void defaultsMatchTheGoEmulator() {
        EmulatorCommand command = parse();

        assertThat(command.host).isEqualTo("127.0.0.1");
        assertThat(command.port).isEqualTo(8123);
        assertThat(command.queues).isEmpty();
        assertThat(command.hardResetOnPurgeQueue).isFalse();
    }

    @Test
    void helpListsTheFlags() {
        StringWriter help = new StringWriter();
        int code = new CommandLine(new EmulatorCommand()).setOut(new PrintWriter(help)).execute("--help");

        assertThat(code).isZero();
        assertThat(help.toString()).contains("--host").contains("-host").contains("--port").contains("--queue")
                .contains("--openid-issuer").contains("--app-engine-host").contains("in memory")
                .contains("--queues-file").contains("--hard-reset-on-purge-queue").contains("--fault")
                .contains("0.2 or 20% (pseudo-random").contains("CLOUD_TASKS_EMULATOR_OPENID_ISSUER");
    }

    @Test
    void unknownFlagIsAnError() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new EmulatorCommand()).setErr(new PrintWriter(err)).execute("--bogus");

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("--bogus");
    }
}
