package io.github.camelgcptasks.emulator.cli;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.Queue;
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
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

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
                "-openid-issuer", "http://issuer.test");

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
                "--openid-issuer", "http://other.test", "--app-engine-host", "http://127.0.0.1:9");

        try (CloudTasksEmulator emulator = command.start(); CloudTasksClient client = Clients.client(emulator)) {
            assertThat(emulator.openIdIssuer()).isEqualTo("http://other.test");
            assertThat(client.getQueue(Clients.queueName("q")).getName()).isEqualTo(Clients.queueName("q"));
        }
    }

    @Test
    void defaultsMatchTheGoEmulator() {
        EmulatorCommand command = parse();

        assertThat(command.host).isEqualTo("127.0.0.1");
        assertThat(command.port).isEqualTo(8123);
        assertThat(command.queues).isEmpty();
    }

    @Test
    void helpListsTheFlags() {
        StringWriter help = new StringWriter();
        int code = new CommandLine(new EmulatorCommand()).setOut(new PrintWriter(help)).execute("--help");

        assertThat(code).isZero();
        assertThat(help.toString()).contains("--host").contains("-host").contains("--port").contains("--queue")
                .contains("--openid-issuer").contains("--app-engine-host").contains("in memory");
    }

    @Test
    void unknownFlagIsAnError() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new EmulatorCommand()).setErr(new PrintWriter(err)).execute("--bogus");

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("--bogus");
    }
}
