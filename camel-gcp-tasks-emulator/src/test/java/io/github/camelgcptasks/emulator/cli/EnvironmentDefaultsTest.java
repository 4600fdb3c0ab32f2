package io.github.camelgcptasks.emulator.cli;

import com.google.cloud.tasks.v2.CloudTasksClient;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.github.camelgcptasks.emulator.support.Clients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentDefaultsTest {

    /** A row of the flag table in the emulator guide: {@code | `--flag ARG` | `VARIABLE` | ...}. */
    private static final Pattern FLAG_ROW =
            Pattern.compile("(?m)^\\| `(--[a-z0-9-]+)[^`]*` \\| `(" + EnvironmentDefaults.PREFIX + "[A-Z0-9_]+)` \\|");

    private static EmulatorCommand parse(Map<String, String> environment, String... args) {
        EmulatorCommand command = new EmulatorCommand(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        new CommandLine(command).setDefaultValueProvider(new EnvironmentDefaults(environment)).parseArgs(args);
        return command;
    }

    @Test
    void variablesConfigureTheEmulatorWithoutFlags() throws Exception {
        EmulatorCommand command = parse(Map.of(
                "CLOUD_TASKS_EMULATOR_HOST", "127.0.0.1",
                "CLOUD_TASKS_EMULATOR_PORT", "0",
                "CLOUD_TASKS_EMULATOR_QUEUE", Clients.queueName("env-one") + "," + Clients.queueName("env-two"),
                "CLOUD_TASKS_EMULATOR_OPENID_ISSUER", "http://issuer.env.test"));

        try (CloudTasksEmulator emulator = command.start(); CloudTasksClient client = Clients.client(emulator)) {
            assertThat(emulator.openIdIssuer()).isEqualTo("http://issuer.env.test");
            assertThat(client.getQueue(Clients.queueName("env-one")).getName()).isEqualTo(Clients.queueName("env-one"));
            assertThat(client.getQueue(Clients.queueName("env-two")).getName()).isEqualTo(Clients.queueName("env-two"));
        }
    }

    @Test
    void flagOnTheCommandLineWinsOverItsVariable() {
        EmulatorCommand command = parse(Map.of("CLOUD_TASKS_EMULATOR_PORT", "9999",
                "CLOUD_TASKS_EMULATOR_QUEUE", Clients.queueName("from-env")), "--port", "0");

        assertThat(command.port).isZero();
        assertThat(command.queues).containsExactly(Clients.queueName("from-env"));
    }

    @Test
    void repeatableFlagTakesACommaSeparatedList() {
        EmulatorCommand command = parse(Map.of("CLOUD_TASKS_EMULATOR_FAULT",
                "CreateTask=UNAVAILABLE:0.2,GetQueue=delay:200ms:1/2"));

        assertThat(command.faults).containsExactly("CreateTask=UNAVAILABLE:0.2", "GetQueue=delay:200ms:1/2");
    }

    @Test
    void singleValuedFlagTakesTheWholeVariableCommasIncluded() {
        String json = "[{\"name\": \"" + Clients.queueName("a") + "\"}, {\"name\": \"" + Clients.queueName("b")
                + "\"}]";

        EmulatorCommand command = parse(Map.of("CLOUD_TASKS_EMULATOR_QUEUES_JSON", json));

        assertThat(command.queuesJson).isEqualTo(json);
    }

    @Test
    void switchesAndEmptyVariables() {
        EmulatorCommand command = parse(Map.of("CLOUD_TASKS_EMULATOR_NO_RATE_LIMITS", "true",
                "CLOUD_TASKS_EMULATOR_HOST", ""));

        assertThat(command.noRateLimits).isTrue();
        assertThat(command.host).as("an empty variable leaves the default").isEqualTo("127.0.0.1");
    }

    @Test
    void badValueOfAVariableIsAnErrorNamingTheFlag() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new EmulatorCommand())
                .setDefaultValueProvider(new EnvironmentDefaults(Map.of("CLOUD_TASKS_EMULATOR_PORT", "eighty")))
                .setErr(new PrintWriter(err))
                .execute();

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("--port").contains("eighty");
    }

    @Test
    void everyFlagHasItsVariableInTheGuide() throws IOException {
        Map<String, String> expected = new TreeMap<>();
        for (OptionSpec option : new CommandLine(new EmulatorCommand()).getCommandSpec().options()) {
            if (!option.usageHelp() && !option.versionHelp()) {
                expected.put(EnvironmentDefaults.primaryName(option), EnvironmentDefaults.variableOf(option));
            }
        }
        String guide = Files.readString(Path.of("..", "docs", "emulator.md"));
        Map<String, String> documented = new TreeMap<>();
        Matcher row = FLAG_ROW.matcher(guide);
        while (row.find()) {
            documented.put(row.group(1), row.group(2));
        }

        assertThat(documented).as("flags and their variables in the flag table of docs/emulator.md")
                .isEqualTo(expected);
    }
}
