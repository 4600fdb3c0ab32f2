package io.github.camelgcptasks.benchmarks.jmh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.github.camelgcptasks.benchmarks.RunSettings;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Runs the JMH benchmarks through JMH's Runner, so their scores land in the same table as the plain measures. A
 * full run forks one JVM per benchmark, as JMH intends; the smoke run stays in-process to take seconds.
 */
public final class JmhMeasures {

    /**
     * Mean and 99.9% confidence half-width over every measured iteration of every round, in operations per second;
     * or, when the benchmark failed, why.
     */
    public record Score(double value, double error, int iterations, String failure) {

        static Score failed(String why) {
            return new Score(Double.NaN, Double.NaN, 0, why);
        }
    }

    /** The benchmarks the table reads, as {@code Class.method}. */
    public static final List<String> BENCHMARKS = List.of(
            "SyncCreateBenchmark.rawClient",
            "SyncCreateBenchmark.camelProducer",
            "AsyncCreateBenchmark.rawClientOnEmulator",
            "AsyncCreateBenchmark.rawClientOnTrivialServer",
            "AsyncCreateBenchmark.camelProducer");

    private JmhMeasures() {
    }

    /**
     * One Runner per benchmark and round, so a benchmark that fails (say, a producer not built yet) costs only its
     * own rows and its error is kept for the table. Odd rounds run the list backwards: with two rounds every pair is
     * measured A-B-B-A, which cancels a steady drift of the machine's speed out of their ratio.
     */
    public static Map<String, Score> run(RunSettings settings) {
        Map<String, ListStatistics> iterations = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (int round = 0; round < settings.jmhRounds(); round++) {
            List<String> order = new ArrayList<>(BENCHMARKS);
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (String benchmark : order) {
                if (failures.containsKey(benchmark)) {
                    continue;
                }
                try {
                    ListStatistics scores = iterations.computeIfAbsent(benchmark, b -> new ListStatistics());
                    runOne(settings, benchmark).forEach(scores::addValue);
                } catch (RunnerException | RuntimeException e) {
                    failures.put(benchmark, rootCause(e));
                }
            }
        }
        Map<String, Score> scores = new LinkedHashMap<>();
        for (String benchmark : BENCHMARKS) {
            ListStatistics measured = iterations.get(benchmark);
            if (failures.containsKey(benchmark)) {
                scores.put(benchmark, Score.failed(failures.get(benchmark)));
            } else {
                double error = measured.getN() > 1 ? measured.getMeanErrorAt(0.999) : Double.NaN;
                scores.put(benchmark, new Score(measured.getMean(), error, (int) measured.getN(), null));
            }
        }
        return scores;
    }

    /** Runs one benchmark once and answers the score of each measured iteration. */
    private static List<Double> runOne(RunSettings settings, String benchmark) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(Pattern.quote(JmhMeasures.class.getPackageName() + "." + benchmark) + "$")
                .forks(settings.jmhForks())
                .threads(1)
                .warmupIterations(settings.jmhWarmupIterations())
                .measurementIterations(settings.jmhMeasurementIterations())
                .measurementTime(toTimeValue(settings.jmhMeasurementTime()))
                .timeUnit(TimeUnit.SECONDS)
                .shouldFailOnError(true)
                // the same heap for every fork, sized so GC stays out of the way of a few seconds of creates
                .jvmArgs("-Xms1g", "-Xmx1g");
        if (settings.jmhWarmupIterations() > 0) {
            options.warmupTime(toTimeValue(settings.jmhWarmupTime()));
        }
        // JMH's progress and its own summary go to stderr: stdout carries only the one results table
        VerboseMode verbosity = settings.smoke() ? VerboseMode.SILENT : VerboseMode.NORMAL;
        Collection<RunResult> results = new Runner(options.build(),
                OutputFormatFactory.createFormatInstance(System.err, verbosity)).run();
        if (results.isEmpty()) {
            throw new IllegalStateException("JMH found no benchmark " + benchmark);
        }
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult fork : results.iterator().next().getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                scores.add(iteration.getPrimaryResult().getScore());
            }
        }
        return scores;
    }

    private static String rootCause(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static TimeValue toTimeValue(java.time.Duration duration) {
        return TimeValue.milliseconds(duration.toMillis());
    }
}
