package io.github.camelgcptasks.benchmarks;

import java.util.Arrays;

/** Exact percentiles from every sample, sorted: the runs are small enough that no histogram is needed. */
public final class Percentiles {

    private final long[] sorted;

    public Percentiles(long[] samples, int count) {
        this.sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
    }

    /** Nearest-rank percentile, {@code p} in (0, 100]. */
    public long at(double p) {
        if (sorted.length == 0) {
            throw new IllegalStateException("no samples");
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public int count() {
        return sorted.length;
    }

    /** The middle value of a few runs, the upper one of the two middles for an even count. */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
