package io.github.camelgcptasks.emulator.cli;

import com.google.cloud.tasks.v2.Queue;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.github.camelgcptasks.emulator.fault.Fault;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The standalone emulator: {@code java -jar camel-gcp-tasks-emulator-VERSION-standalone.jar --port 8123 --queue
 * projects/p/locations/l/queues/q}. Flags also take the single-dash spellings of the Go cloud-tasks-emulator
 * ({@code -host}, {@code -port}, {@code -queue}, {@code -openid-issuer}), and every flag can be set by an environment
 * variable instead ({@link EnvironmentDefaults}). Runs until SIGTERM or Ctrl-C; state lives in memory only.
 */
@Command(name = "camel-gcp-tasks-emulator", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = EmulatorCommand.Version.class, defaultValueProvider = EnvironmentDefaults.class,
        description = {"Local Google Cloud Tasks emulator serving the v2 API over plaintext gRPC and, on the same "
                + "port, as REST/JSON.",
                "State lives in memory only and is lost when the emulator stops."},
        footer = {"", "Every flag can also be set by an environment variable: " + EnvironmentDefaults.PREFIX
                + " followed by the flag's name in capitals with underscores, e.g. " + EnvironmentDefaults.PREFIX
                + "OPENID_ISSUER for --openid-issuer; a list is comma separated. A flag given on the command line "
                + "wins over its variable."})
public final class EmulatorCommand implements Callable<Integer> {

    @Option(names = {"--host", "-host"}, defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"--port", "-port"}, defaultValue = "" + CloudTasksEmulator.DEFAULT_PORT, paramLabel = "PORT",
            description = "gRPC port, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"--queue", "-queue"}, paramLabel = "QUEUE", split = ",",
            description = "Queue to create at start, as projects/PROJECT/locations/LOCATION/queues/ID. Repeatable, "
                    + "or comma separated.")
    List<String> queues = new ArrayList<>();

    @Option(names = "--queues-file", paramLabel = "FILE", split = ",",
            description = "JSON file of queues to create at start with their own settings, as Queue resources in "
                    + "their REST form: what 'gcloud tasks queues describe Q --format=json' prints, an array of such, "
                    + "or {\"queues\": [...]}. Repeatable.")
    List<Path> queuesFiles = new ArrayList<>();

    @Option(names = "--queues-json", paramLabel = "JSON",
            description = "The same as --queues-file with the JSON given inline, for containers without a mounted "
                    + "file.")
    String queuesJson;

    @Option(names = {"--openid-issuer", "-openid-issuer"}, paramLabel = "URL",
            description = "iss claim of OIDC tokens; an http:// issuer also serves the key documents on its port "
                    + "(default: the key server's http://HOST:PORT).")
    String openIdIssuer;

    @Option(names = {"--oidc-port", "-oidc-port"}, paramLabel = "PORT",
            description = "HTTP port of the JWKS, certificates and discovery documents, 0 for a free one "
                    + "(default: the port of an http:// issuer, else a free one).")
    Integer oidcPort;

    @Option(names = {"--app-engine-host", "-app-engine-host"}, paramLabel = "URL",
            description = "Base URL App Engine tasks are delivered to. Without it they are refused.")
    String appEngineHost;

    @Option(names = "--no-rate-limits", description = "Ignore max_dispatches_per_second (for benchmarks).")
    boolean noRateLimits;

    @Option(names = {"--hard-reset-on-purge-queue", "-hard-reset-on-purge-queue"},
            description = "PurgeQueue also forgets the names of the queue's removed tasks, so they can be used again "
                    + "at once (differs from the real service).")
    boolean hardResetOnPurgeQueue;

    @Option(names = "--fault", paramLabel = "RPC=ACTION[:SHARE]", split = ",",
            description = {"Answer calls of an RPC with an error status, or late, to test retry logic. ACTION is a "
                    + "gRPC status code or delay:DURATION (200ms, 2s, 1m); SHARE is A/B (exactly A of every B calls, "
                    + "evenly spread), 0.2 or 20%% (pseudo-random from --fault-seed), or omitted for every call. "
                    + "RPC * means every method. Repeatable, e.g. --fault CreateTask=UNAVAILABLE:0.2 "
                    + "--fault GetQueue=delay:200ms:1/2."})
    List<String> faults = new ArrayList<>();

    @Option(names = "--fault-seed", defaultValue = "0", paramLabel = "SEED",
            description = "Seed of the pseudo-random shares of --fault (default: ${DEFAULT-VALUE}).")
    long faultSeed;

    @Option(names = "--allow-queue-name-reuse",
            description = "Let a deleted queue's name be created again at once, instead of after 7 days.")
    boolean allowQueueNameReuse;

    @Option(names = "--no-console", description = "Do not serve the web console at / of the port.")
    boolean noConsole;

    private final PrintStream out;
    private final StartupWarmUp warmUp;
    private final CountDownLatch stopped = new CountDownLatch(1);

    public EmulatorCommand() {
        this(System.out, null);
    }

    EmulatorCommand(PrintStream out) {
        this(out, null);
    }

    private EmulatorCommand(PrintStream out, StartupWarmUp warmUp) {
        this.out = out;
        this.warmUp = warmUp;
    }

    public static void main(String[] args) {
        StartupWarmUp warmUp = StartupWarmUp.begin();
        int code = new CommandLine(new EmulatorCommand(System.out, warmUp)).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The emulator configuration the flags describe. */
    CloudTasksEmulator.Builder toBuilder() {
        CloudTasksEmulator.Builder builder = CloudTasksEmulator.builder()
                .host(host).port(port).rateLimits(!noRateLimits).allowQueueNameReuse(allowQueueNameReuse)
                .hardResetOnPurgeQueue(hardResetOnPurgeQueue)
                .faultSeed(faultSeed)
                .console(!noConsole);
        if (oidcPort != null) {
            builder.oidcPort(oidcPort);
        }
        faults.forEach(builder::fault);
        queues.forEach(builder::queue);
        queuesFiles.forEach(builder::queuesFile);
        if (queuesJson != null) {
            builder.queuesJson(queuesJson);
        }
        if (openIdIssuer != null) {
            builder.openIdIssuer(openIdIssuer);
        }
        if (appEngineHost != null) {
            builder.appEngineHost(appEngineHost);
        }
        return builder;
    }

    /** Starts the emulator and prints where it listens. */
    CloudTasksEmulator start() throws Exception {
        if (warmUp != null) {
            warmUp.awaitDone();
        }
        CloudTasksEmulator emulator = toBuilder().build().start();
        out.println("Cloud Tasks emulator listening on " + emulator.grpcEndpoint() + " (gRPC and REST, plaintext)");
        out.println("REST: " + emulator.restUrl() + "/v2/");
        if (!noConsole) {
            out.println("Web console: " + emulator.consoleUrl());
        }
        out.println("JWKS: " + emulator.jwksUrl());
        out.println("PEM certificates: " + emulator.pemCertificatesUrl());
        out.println("OpenID issuer: " + emulator.openIdIssuer());
        for (Queue queue : emulator.initialQueues()) {
            out.println("Queue: " + queue.getName() + (queue.getState() == Queue.State.PAUSED ? " (paused)" : ""));
        }
        if (appEngineHost != null) {
            out.println("App Engine tasks go to: " + appEngineHost);
        }
        for (Fault fault : emulator.faults()) {
            out.println("Injecting fault: " + fault);
        }
        out.flush();
        return emulator;
    }

    @Override
    public Integer call() throws Exception {
        CloudTasksEmulator emulator;
        try {
            emulator = start();
        } catch (IOException | RuntimeException e) {
            System.err.println("Cannot start the Cloud Tasks emulator: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping the Cloud Tasks emulator");
            emulator.stop();
            stopped.countDown();
        }, "cloud-tasks-emulator-shutdown"));
        stopped.await();
        return 0;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = EmulatorCommand.class.getPackage().getImplementationVersion();
            return new String[] {"camel-gcp-tasks-emulator " + (version == null ? "(development)" : version)};
        }
    }
}
