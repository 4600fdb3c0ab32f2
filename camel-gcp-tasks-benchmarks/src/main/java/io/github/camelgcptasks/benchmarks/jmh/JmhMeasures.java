package io.github.camelgcptasks.benchmarks.jmh;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.github.camelgcptasks.benchmarks.RunSettings;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the JMH benchmarks through JMH's Runner, so their scores land in the same table as the plain measures. A
 * full run forks one JVM per benchmark, as JMH intends; the smoke run stays in-process to take seconds.
 */
public final class JmhMeasures {

    /** Score and JMH's 99.9% error, in operations per second; or, when the benchmark failed, why. */
    public record Score(double value, double error, String failure) {
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
     * One Runner per benchmark, so a benchmark that fails (say, a producer not built yet) costs only its own rows
     * and its error is kept for the table.
     */
    public static Map<String, Score> run(RunSettings settings) {
        Map<String, Score> scores = new LinkedHashMap<>();
        for (String benchmark : BENCHMARKS) {
            try {
                scores.put(benchmark, runOne(settings, benchmark));
            } catch (RunnerException | RuntimeException e) {
                Throwable cause = e;
                while (cause.getCause() != null && cause.getCause() != cause) {
                    cause = cause.getCause();
                }
                scores.put(benchmark, new Score(Double.NaN, Double.NaN,
                        cause.getClass().getSimpleName() + ": " + cause.getMessage()));
            }
        }
        return scores;
    }

    private static Score runOne(RunSettings settings, String benchmark) throws RunnerException {
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
        RunResult result = results.iterator().next();
        return new Score(result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError(), null);
    }

    private static TimeValue toTimeValue(java.time.Duration duration) {
        return TimeValue.milliseconds(duration.toMillis());
    }
}
