package io.github.camelgcptasks.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Command line: {@code java -jar camel-gcp-tasks-benchmarks/target/benchmarks.jar [--smoke] [--only m1,m2]}. Prints
 * one Markdown table; the exit code is 0 whenever the harness itself ran, because a missed goal is a finding, not a
 * failure.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        boolean smoke = false;
        List<String> measures = BenchmarkRun.MEASURES;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--smoke")) {
                smoke = true;
            } else if (args[i].equals("--only") && i + 1 < args.length) {
                measures = new ArrayList<>(Arrays.asList(args[++i].split(",")));
            } else {
                usage(args[i].equals("--help") ? 0 : 2);
            }
        }
        if (!BenchmarkRun.MEASURES.containsAll(measures)) {
            usage(2);
        }
        long start = System.nanoTime();
        ResultTable table = BenchmarkRun.run(smoke ? RunSettings.smokeRun() : RunSettings.fullRun(), measures);
        System.out.println();
        System.out.println("camel-gcp-tasks benchmarks (" + (smoke ? "smoke" : "full") + " run, "
                + Math.round((System.nanoTime() - start) / 1e9) + " s, " + Runtime.getRuntime().availableProcessors()
                + " cores)");
        System.out.println();
        System.out.print(table.toMarkdown());
        // gRPC and Vert.x leave non-daemon threads behind; the run is over
        System.exit(0);
    }

    private static void usage(int exitCode) {
        System.out.println("usage: java -jar benchmarks.jar [--smoke] [--only MEASURE[,MEASURE...]]");
        System.out.println("  --smoke  every measure for a few seconds, to check the harness still runs");
        System.out.println("  --only   run only these measures: " + String.join(", ", BenchmarkRun.MEASURES));
        System.exit(exitCode);
    }
}
