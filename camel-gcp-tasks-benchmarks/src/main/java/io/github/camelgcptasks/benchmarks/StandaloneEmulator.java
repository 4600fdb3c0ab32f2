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
 * JVM settings or with those given. The jar is the one the build copies to {@code target/emulator/} beside the harness; where it is
 * missing (say, the module was built on its own), the emulator's command line class runs from the harness's class path
 * instead, and {@link #launchedFrom()} says so.
 */
public final class StandaloneEmulator implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /** The JVM flags docs/emulator.md gives for a small footprint, in its order. */
    public static final List<String> SMALL_FOOTPRINT_FLAGS = List.of("-XX:+UseSerialGC", "-Xss512k",
            "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:MaxMetaspaceSize=64m",
            "-XX:ReservedCodeCacheSize=16m", "-Xms8m", "-Xmx64m", "-XX:TrimNativeHeapInterval=1000",
            "-Dio.grpc.netty.shaded.io.netty.allocator.type=unpooled");

    /** The class that makes a class-data archive of the standalone jar, as the emulator's build runs it. */
    private static final String TRAINING_RUN = "io.github.camelgcptasks.emulator.cli.ClassDataTrainingRun";

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

    /** Starts the process with default JVM settings; {@link #awaitReady} then waits until it serves. */
    public static StandaloneEmulator start(List<String> queuePaths, boolean rateLimitsEnforced) throws IOException {
        return start(List.of(), queuePaths, rateLimitsEnforced);
    }

    /** Starts the process with these JVM flags; {@link #awaitReady} then waits until it serves. */
    public static StandaloneEmulator start(List<String> jvmFlags, List<String> queuePaths, boolean rateLimitsEnforced)
            throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmFlags);
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

    /** The process's resident set size now ({@code VmRSS} of {@code /proc/PID/status}, Linux only), in bytes. */
    public long residentBytes() throws IOException {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS line in " + status);
    }

    /** The flags docs/emulator.md gives for CI: the small-footprint ones and the class-data archive, made if missing. */
    public static List<String> documentedFlagsWithArchive() throws IOException, InterruptedException {
        List<String> flags = new ArrayList<>(SMALL_FOOTPRINT_FLAGS);
        flags.add(classDataArchiveFlag());
        return flags;
    }

    /**
     * The flag that starts a JVM with a class-data archive of the standalone jar, made first where it is missing or
     * older than the jar: the recipe docs/emulator.md gives for a jar that was copied away from the build's archive
     * (an archive serves only the jar at the path it was made for).
     *
     * @throws IllegalStateException when there is no standalone jar, or the archive could not be made
     */
    public static String classDataArchiveFlag() throws IOException, InterruptedException {
        Path jar = standaloneJar();
        if (jar == null) {
            throw new IllegalStateException("no standalone jar beside the harness to make a class-data archive of");
        }
        Path archive = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".jsa"));
        if (!Files.exists(archive) || Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) < 0) {
            Files.deleteIfExists(archive);
            Process training = new ProcessBuilder(java(), "-XX:ArchiveClassesAtExit=" + archive.toAbsolutePath(),
                    "-Xlog:cds=error,cds+dynamic=error", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp", jar.toAbsolutePath().toString(), TRAINING_RUN)
                    // stdout carries the harness's table
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!training.waitFor(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || training.exitValue() != 0
                    || !Files.exists(archive)) {
                training.destroyForcibly();
                throw new IllegalStateException("could not make the class-data archive " + archive);
            }
        }
        return "-XX:SharedArchiveFile=" + archive.toAbsolutePath();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
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
