package io.github.camelgcptasks.benchmarks.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.camelgcptasks.benchmarks.Names;

/**
 * The {@link TrivialTasksServer} in a JVM of its own, started as the harness starts the standalone emulator (default
 * JVM settings, the harness's own class path): the baseline of a freshly started gRPC server, with nothing of the
 * emulator in it.
 */
public final class TrivialServerProcess implements AutoCloseable {

    private final Process process;
    private final String grpcEndpoint;

    private TrivialServerProcess(Process process, String grpcEndpoint) {
        this.process = process;
        this.grpcEndpoint = grpcEndpoint;
    }

    /** Starts the process and returns once it serves, as it says on its first line of output. */
    public static TrivialServerProcess start() throws IOException {
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                TrivialTasksServer.class.getName(), Names.HOST))
                .redirectErrorStream(true)
                .start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = output.readLine()) != null) {
            if (line.startsWith(TrivialTasksServer.READY_LINE)) {
                // the rest of its output is not read: it prints nothing more unless it fails
                return new TrivialServerProcess(process, Names.HOST + ":"
                        + line.substring(TrivialTasksServer.READY_LINE.length()).trim());
            }
        }
        try {
            // its output ended: the process has ended or is ending
            throw new IOException("the trivial server process exited with " + process.waitFor()
                    + " before it listened");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while the trivial server process started", e);
        }
    }

    public String grpcEndpoint() {
        return grpcEndpoint;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
