package io.github.camelgcptasks.benchmarks.emulation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.camelgcptasks.benchmarks.RunSettings;

/** Launches {@link EmulatorMemoryProbe} in a JVM capped at the goal's heap and reads its before/after figures. */
public final class EmulatorMemory {

    /** Used heap after GC, in bytes, before and after filling; measured under a cap of {@code heapMegabytes}. */
    public record Result(long beforeBytes, long afterBytes, int tasks, int heapMegabytes) {

        public double bytesPerTask() {
            return (double) (afterBytes - beforeBytes) / tasks;
        }
    }

    private EmulatorMemory() {
    }

    public static Result measure(RunSettings settings) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + settings.memoryHeapMegabytes() + "m",
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                EmulatorMemoryProbe.class.getName(),
                Integer.toString(settings.memoryTasks()), Integer.toString(settings.memoryTaskBytes())));
        // output to a file, not a pipe: the wait below stays bounded even if the probe hangs
        Path log = Files.createTempFile("emulator-memory-probe", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("memory probe did not finish within 180 s");
            }
            return parse(Files.readAllLines(log, StandardCharsets.UTF_8), process.exitValue(), settings);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Result parse(List<String> output, int exitValue, RunSettings settings) {
        for (String line : output) {
            if (line.startsWith(EmulatorMemoryProbe.RESULT_PREFIX)) {
                String[] figures = line.substring(EmulatorMemoryProbe.RESULT_PREFIX.length()).trim().split(" ");
                return new Result(Long.parseLong(figures[0]), Long.parseLong(figures[1]), settings.memoryTasks(),
                        settings.memoryHeapMegabytes());
            }
        }
        throw new IllegalStateException("memory probe exited with " + exitValue + " under -Xmx"
                + settings.memoryHeapMegabytes() + "m and no result; last output: "
                + String.join(" / ", output.subList(Math.max(0, output.size() - 3), output.size())));
    }
}
