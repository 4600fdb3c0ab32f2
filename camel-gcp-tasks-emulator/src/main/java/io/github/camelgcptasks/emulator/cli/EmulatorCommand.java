package io.github.camelgcptasks.emulator.cli;

import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import java.io.IOException;
import java.io.PrintStream;
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
 * ({@code -host}, {@code -port}, {@code -queue}, {@code -openid-issuer}). Runs until SIGTERM or Ctrl-C; state lives in
 * memory only.
 */
@Command(name = "camel-gcp-tasks-emulator", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = EmulatorCommand.Version.class,
        description = {"Local Google Cloud Tasks emulator serving the v2 API over plaintext gRPC and, on the same "
                + "port, as REST/JSON.",
                "State lives in memory only and is lost when the emulator stops."})
public final class EmulatorCommand implements Callable<Integer> {

    @Option(names = {"--host", "-host"}, defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"--port", "-port"}, defaultValue = "" + CloudTasksEmulator.DEFAULT_PORT, paramLabel = "PORT",
            description = "gRPC port, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"--queue", "-queue"}, paramLabel = "QUEUE",
            description = "Queue to create at start, as projects/PROJECT/locations/LOCATION/queues/ID. Repeatable.")
    List<String> queues = new ArrayList<>();

    @Option(names = {"--openid-issuer", "-openid-issuer"}, paramLabel = "URL",
            description = "iss claim of OIDC tokens (default: the key server's http://HOST:PORT).")
    String openIdIssuer;

    @Option(names = {"--oidc-port", "-oidc-port"}, defaultValue = "0", paramLabel = "PORT",
            description = "HTTP port of the JWKS, certificates and discovery documents, 0 for a free one "
                    + "(default: ${DEFAULT-VALUE}).")
    int oidcPort;

    @Option(names = {"--app-engine-host", "-app-engine-host"}, paramLabel = "URL",
            description = "Base URL App Engine tasks are delivered to. Without it they are refused.")
    String appEngineHost;

    @Option(names = "--no-rate-limits", description = "Ignore max_dispatches_per_second (for benchmarks).")
    boolean noRateLimits;

    @Option(names = "--no-console", description = "Do not serve the web console at / of the port.")
    boolean noConsole;

    private final PrintStream out;
    private final CountDownLatch stopped = new CountDownLatch(1);

    public EmulatorCommand() {
        this(System.out);
    }

    EmulatorCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new EmulatorCommand()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The emulator configuration the flags describe. */
    CloudTasksEmulator.Builder toBuilder() {
        CloudTasksEmulator.Builder builder = CloudTasksEmulator.builder()
                .host(host).port(port).oidcPort(oidcPort).rateLimits(!noRateLimits).console(!noConsole);
        queues.forEach(builder::queue);
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
        CloudTasksEmulator emulator = toBuilder().build().start();
        out.println("Cloud Tasks emulator listening on " + emulator.grpcEndpoint() + " (gRPC and REST, plaintext)");
        out.println("REST: " + emulator.restUrl() + "/v2/");
        if (!noConsole) {
            out.println("Web console: " + emulator.consoleUrl());
        }
        out.println("JWKS: " + emulator.jwksUrl());
        out.println("PEM certificates: " + emulator.pemCertificatesUrl());
        out.println("OpenID issuer: " + emulator.openIdIssuer());
        for (String queue : queues) {
            out.println("Queue: " + queue);
        }
        if (appEngineHost != null) {
            out.println("App Engine tasks go to: " + appEngineHost);
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
