package io.github.camelgcptasks.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.LocationName;

/**
 * The emulator as most users run it: the standalone jar in a JVM of its own, on a free loopback port, with default
 * JVM settings. The jar is the one the build copies to {@code target/emulator/} beside the harness; where it is
 * missing (say, the module was built on its own), the emulator's command line class runs from the harness's class path
 * instead, and {@link #launchedFrom()} says so.
 */
public final class StandaloneEmulator implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final long startedNanos;
    private final int port;
    private final Path log;
    private final String grpcEndpoint;
    private final String launchedFrom;

    private StandaloneEmulator(Process process, long startedNanos, int port, Path log, String launchedFrom) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.port = port;
        this.log = log;
        this.grpcEndpoint = Names.HOST + ":" + port;
        this.launchedFrom = launchedFrom;
    }

    /** Starts the process; {@link #awaitReady} then waits until it serves. */
    public static StandaloneEmulator start(List<String> queuePaths, boolean rateLimitsEnforced) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path jar = standaloneJar();
        String launchedFrom;
        if (jar != null) {
            command.add("-jar");
            command.add(jar.toString());
            launchedFrom = "standalone jar " + jar.getFileName();
        } else {
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("io.github.camelgcptasks.emulator.cli.EmulatorCommand");
            launchedFrom = "emulator command line class on the harness's class path (no standalone jar found)";
        }
        command.addAll(List.of("--host", Names.HOST, "--port", String.valueOf(port), "--oidc-port", "0"));
        for (String queue : queuePaths) {
            command.addAll(List.of("--queue", queue));
        }
        if (!rateLimitsEnforced) {
            command.add("--no-rate-limits");
        }
        Path log = Files.createTempFile("benchmark-emulator", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        long startedNanos = System.nanoTime();
        return new StandaloneEmulator(builder.start(), startedNanos, port, log, launchedFrom);
    }

    /**
     * Waits until {@code client} gets an answer from it: the process is up and serving.
     *
     * @return nanoseconds from the process's start to that answer
     */
    public long awaitReady(CloudTasksClient client) {
        long deadline = startedNanos + READY_TIMEOUT.toNanos();
        // first the port, polled every 2 ms: an RPC to a closed port would put the channel into reconnect backoff
        while (!accepts()) {
            checkAlive(deadline, null);
            pause();
        }
        while (true) {
            try {
                client.listQueues(LocationName.of(Names.PROJECT, Names.LOCATION));
                return System.nanoTime() - startedNanos;
            } catch (RuntimeException notYet) {
                checkAlive(deadline, notYet);
                pause();
            }
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Names.HOST, port), 100);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void checkAlive(long deadline, RuntimeException lastFailure) {
        if (!process.isAlive()) {
            throw new IllegalStateException("the emulator process exited with " + process.exitValue() + ": "
                    + lastLine());
        }
        if (System.nanoTime() - deadline > 0) {
            throw new IllegalStateException("the emulator process did not answer within " + READY_TIMEOUT,
                    lastFailure);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the emulator", e);
        }
    }

    private String lastLine() {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    public String grpcEndpoint() {
        return grpcEndpoint;
    }

    /** How the process was started, for the table's notes. */
    public String launchedFrom() {
        return launchedFrom;
    }

    /** {@code target/emulator/*-standalone.jar} beside the harness's jar or classes, or null. */
    private static Path standaloneJar() {
        try {
            Path location = Path.of(StandaloneEmulator.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
            File[] jars = location.resolveSibling("emulator").toFile()
                    .listFiles((dir, name) -> name.endsWith("-standalone.jar"));
            return jars == null || jars.length == 0 ? null : jars[0].toPath();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(Names.HOST))) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temporary file; nothing depends on it
        }
    }
}
