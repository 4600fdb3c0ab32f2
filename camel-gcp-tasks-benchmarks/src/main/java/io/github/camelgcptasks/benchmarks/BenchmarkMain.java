package io.github.camelgcptasks.benchmarks;

import java.util.List;

/**
 * Command line: {@code java -jar camel-gcp-tasks-benchmarks/target/benchmarks.jar [--smoke]}. Prints one Markdown
 * table; the exit code is 0 whenever the harness itself ran, because a missed goal is a finding, not a failure.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.stream().anyMatch(a -> !a.equals("--smoke"))) {
            System.out.println("usage: java -jar benchmarks.jar [--smoke]");
            System.out.println("  --smoke  every measure for a few seconds, to check the harness still runs");
            System.exit(arguments.contains("--help") ? 0 : 2);
        }
        boolean smoke = arguments.contains("--smoke");
        long start = System.nanoTime();
        ResultTable table = BenchmarkRun.run(smoke ? RunSettings.smokeRun() : RunSettings.fullRun());
        System.out.println();
        System.out.println("camel-gcp-tasks benchmarks (" + (smoke ? "smoke" : "full") + " run, "
                + Math.round((System.nanoTime() - start) / 1e9) + " s, " + Runtime.getRuntime().availableProcessors()
                + " cores)");
        System.out.println();
        System.out.print(table.toMarkdown());
        // gRPC and Vert.x leave non-daemon threads behind; the run is over
        System.exit(0);
    }
}
