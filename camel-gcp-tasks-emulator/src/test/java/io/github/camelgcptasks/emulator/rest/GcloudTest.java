package io.github.camelgcptasks.emulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.Queue;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.support.EmulatorFixture;
import io.github.camelgcptasks.emulator.support.RecordingReceiver;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static io.github.camelgcptasks.emulator.support.Clients.LOCATION;
import static io.github.camelgcptasks.emulator.support.Clients.PROJECT;
import static io.github.camelgcptasks.emulator.support.Clients.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code gcloud tasks} CLI, unchanged, against the emulator: a named configuration in a temporary
 * {@code CLOUDSDK_CONFIG} points {@code api_endpoint_overrides/cloudtasks} at the emulator with credentials off,
 * as the emulator guide tells users. Skipped with a message where gcloud is not installed, except when
 * {@code CAMEL_GCP_TASKS_REQUIRE_GCLOUD=true} (CI sets it), where that fails.
 */
class GcloudTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final EmulatorFixture FIXTURE = new EmulatorFixture(new CloudTasksEmulatorExtension());

    @TempDir
    static Path config;

    private static String gcloud;

    private final CloudTasksClient grpc = FIXTURE.client();

    @BeforeAll
    static void configureGcloud() throws Exception {
        gcloud = findGcloud();
        if (gcloud == null && Boolean.parseBoolean(System.getenv("CAMEL_GCP_TASKS_REQUIRE_GCLOUD"))) {
            throw new AssertionError("gcloud is not installed, and CAMEL_GCP_TASKS_REQUIRE_GCLOUD (set by CI) "
                    + "requires the gcloud tests to run");
        }
        assumeTrue(gcloud != null, "gcloud is not installed (looked for /usr/bin/gcloud and gcloud on PATH): "
                + "the gcloud tests are skipped");
        run("config", "configurations", "create", "emulator");
        run("config", "set", "api_endpoint_overrides/cloudtasks", FIXTURE.emulator().restUrl() + "/");
        run("config", "set", "auth/disable_credentials", "true");
        run("config", "set", "core/project", PROJECT);
        run("config", "set", "core/disable_usage_reporting", "true");
        run("config", "set", "component_manager/disable_update_check", "true");
    }

    @Test
    void queueCommands() throws Exception {
        String name = "projects/" + PROJECT + "/locations/" + LOCATION + "/queues/gcloud-q";

        JsonNode created = json("tasks", "queues", "create", "gcloud-q", "--location=" + LOCATION);
        assertThat(created.path("name").asText()).isEqualTo(name);
        assertThat(created.path("state").asText()).isEqualTo("RUNNING");

        JsonNode described = json("tasks", "queues", "describe", "gcloud-q", "--location=" + LOCATION);
        assertThat(described.path("rateLimits").path("maxDispatchesPerSecond").asDouble()).isEqualTo(500.0);

        List<String> listed = new ArrayList<>();
        json("tasks", "queues", "list", "--location=" + LOCATION).forEach(q -> listed.add(q.path("name").asText()));
        assertThat(listed).contains(name);

        JsonNode updated = json("tasks", "queues", "update", "gcloud-q", "--location=" + LOCATION,
                "--max-attempts=7", "--max-dispatches-per-second=3");
        assertThat(updated.path("retryConfig").path("maxAttempts").asInt()).isEqualTo(7);
        assertThat(updated.path("rateLimits").path("maxDispatchesPerSecond").asDouble()).isEqualTo(3.0);
        Queue seenOverGrpc = grpc.getQueue(name);
        assertThat(seenOverGrpc.getRetryConfig().getMaxAttempts()).isEqualTo(7);
        assertThat(seenOverGrpc.getRateLimits().getMaxDispatchesPerSecond()).isEqualTo(3.0);
        assertThat(seenOverGrpc.getRetryConfig().getMaxDoublings()).as("outside the update mask").isEqualTo(16);

        run("tasks", "queues", "pause", "gcloud-q", "--location=" + LOCATION);
        assertThat(grpc.getQueue(name).getState()).isEqualTo(Queue.State.PAUSED);
        run("tasks", "queues", "resume", "gcloud-q", "--location=" + LOCATION);
        assertThat(grpc.getQueue(name).getState()).isEqualTo(Queue.State.RUNNING);

        grpc.pauseQueue(name);
        grpc.createTask(name, io.github.camelgcptasks.emulator.support.Clients
                .httpTask("http://127.0.0.1:9/never", "x").build());
        run("tasks", "queues", "purge", "gcloud-q", "--location=" + LOCATION);
        assertThat(grpc.listTasks(name).iterateAll()).isEmpty();

        run("tasks", "queues", "delete", "gcloud-q", "--location=" + LOCATION);
        assertThat(failure(() -> grpc.getQueue(name)).getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND);
    }

    @Test
    void httpTaskCommands() throws Exception {
        RecordingReceiver receiver = FIXTURE.newReceiver();
        String queue = FIXTURE.newQueue("gcloud-tasks");
        String queueId = queue.substring(queue.lastIndexOf('/') + 1);
        String schedule = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        String account = "tasks@" + PROJECT + ".iam.gserviceaccount.com";

        JsonNode created = json("tasks", "create-http-task", "t1", "--queue=" + queueId, "--location=" + LOCATION,
                "--url=" + receiver.url("/from-gcloud"), "--header=X-Check:gcloud", "--body-content=hello gcloud",
                "--schedule-time=" + schedule, "--oidc-service-account-email=" + account);
        assertThat(created.path("name").asText()).isEqualTo(queue + "/tasks/t1");
        assertThat(created.path("scheduleTime").asText()).isEqualTo(schedule);
        assertThat(created.path("httpRequest").path("oidcToken").path("serviceAccountEmail").asText())
                .isEqualTo(account);

        List<String> listed = new ArrayList<>();
        json("tasks", "list", "--queue=" + queueId, "--location=" + LOCATION)
                .forEach(t -> listed.add(t.path("name").asText()));
        assertThat(listed).containsExactly(queue + "/tasks/t1");

        JsonNode described = json("tasks", "describe", "t1", "--queue=" + queueId, "--location=" + LOCATION);
        assertThat(described.path("httpRequest").path("url").asText()).isEqualTo(receiver.url("/from-gcloud"));
        assertThat(described.path("httpRequest").path("httpMethod").asText()).isEqualTo("POST");

        json("tasks", "run", "t1", "--queue=" + queueId, "--location=" + LOCATION);
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.forTask("t1").isEmpty());
        RecordingReceiver.Received delivered = receiver.forTask("t1").get(0);
        assertThat(delivered.method()).isEqualTo("POST");
        assertThat(delivered.path()).isEqualTo("/from-gcloud");
        assertThat(delivered.bodyText()).isEqualTo("hello gcloud");
        assertThat(delivered.header("X-Check")).isEqualTo("gcloud");
        assertThat(delivered.header("Authorization")).startsWith("Bearer ey");

        json("tasks", "create-http-task", "t2", "--queue=" + queueId, "--location=" + LOCATION,
                "--url=" + receiver.url("/never"), "--schedule-time=" + schedule);
        run("tasks", "delete", "t2", "--queue=" + queueId, "--location=" + LOCATION);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(grpc.listTasks(queue).iterateAll()).isEmpty());
        assertThat(receiver.forTask("t2")).isEmpty();
    }

    private static JsonNode json(String... args) throws Exception {
        return JSON.readTree(run(args));
    }

    /** Runs gcloud with the test's configuration and answers its stdout; fails with its stderr. */
    private static String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(gcloud));
        command.addAll(List.of(args));
        command.add("--format=json");
        command.add("--quiet");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CLOUDSDK_CONFIG", config.toString());
        builder.environment().put("CLOUDSDK_CORE_DISABLE_PROMPTS", "1");
        Path err = Files.createTempFile(config, "stderr", ".txt");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("gcloud " + String.join(" ", args) + " did not finish");
        }
        String stdout = new String(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("gcloud %s%nstdout: %s%nstderr: %s", String.join(" ", args), stdout,
                Files.readString(err)).isZero();
        return stdout;
    }

    private static String findGcloud() throws IOException {
        if (new File("/usr/bin/gcloud").canExecute()) {
            return "/usr/bin/gcloud";
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, "gcloud");
            if (candidate.canExecute()) {
                return candidate.getCanonicalPath();
            }
        }
        return null;
    }
}
