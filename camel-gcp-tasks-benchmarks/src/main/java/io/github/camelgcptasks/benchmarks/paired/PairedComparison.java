package io.github.camelgcptasks.benchmarks.paired;

import java.time.Duration;
import java.util.Arrays;

import io.github.camelgcptasks.benchmarks.RunSettings;

/**
 * Compares two loads in one JVM by alternating short slices of each: subject, baseline, baseline, subject, ... Both
 * sides share the JIT, the threads' placement on the cores and every slow or fast phase of the machine, so their
 * ratio holds where separate JVMs (JMH forks) of the same code settled up to 3x apart on 2 cores. A warm-up of
 * alternating slices comes first and is not counted.
 */
public final class PairedComparison {

    /**
     * Rates over all measured slices, their ratio, and the spread of the ratio between the two slices of each pair
     * (lowest, median, highest), which shows how much to trust it.
     */
    public record Result(double subjectPerSecond, double baselinePerSecond, int pairs, double pairRatioLow,
            double pairRatioMedian, double pairRatioHigh) {

        public double ratio() {
            return subjectPerSecond / baselinePerSecond;
        }
    }

    private PairedComparison() {
    }

    /**
     * @param betweenSlices run after every slice, outside the timing (say, purging the queue the slice filled)
     */
    public static Result measure(RunSettings settings, Load subject, Load baseline, Runnable betweenSlices)
            throws InterruptedException {
        Duration slice = settings.pairedSlice();
        long warmupEnd = System.nanoTime() + settings.pairedWarmup().toNanos();
        while (System.nanoTime() - warmupEnd < 0) {
            subject.run(slice);
            betweenSlices.run();
            baseline.run(slice);
            betweenSlices.run();
        }
        int pairs = settings.pairedPairs();
        long subjectOps = 0;
        long subjectNanos = 0;
        long baselineOps = 0;
        long baselineNanos = 0;
        double[] pairRatios = new double[pairs];
        for (int pair = 0; pair < pairs; pair++) {
            Load.Slice s;
            Load.Slice b;
            // even pairs run the subject first, odd pairs the baseline: neither side always follows a purge
            if (pair % 2 == 0) {
                s = subject.run(slice);
                betweenSlices.run();
                b = baseline.run(slice);
            } else {
                b = baseline.run(slice);
                betweenSlices.run();
                s = subject.run(slice);
            }
            betweenSlices.run();
            subjectOps += s.operations();
            subjectNanos += s.nanos();
            baselineOps += b.operations();
            baselineNanos += b.nanos();
            pairRatios[pair] = s.perSecond() / b.perSecond();
        }
        Arrays.sort(pairRatios);
        return new Result(new Load.Slice(subjectOps, subjectNanos).perSecond(),
                new Load.Slice(baselineOps, baselineNanos).perSecond(), pairs, pairRatios[0],
                pairRatios[pairs / 2], pairRatios[pairs - 1]);
    }
}
