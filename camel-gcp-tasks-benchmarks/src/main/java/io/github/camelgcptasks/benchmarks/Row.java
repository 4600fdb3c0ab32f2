package io.github.camelgcptasks.benchmarks;

import java.util.Locale;

/**
 * One line of the results table. {@code value} is NaN when the measure could not run; {@code note} then says why, and
 * otherwise carries detail that would crowd the table (error bars, counts).
 */
public record Row(String measure, double value, String unit, String baselineName, double baseline, double ratio,
        Goal goal, String note) {

    /** A measure with a same-run baseline; the ratio is value / baseline. */
    public static Row versus(String measure, double value, String unit, String baselineName, double baseline, Goal goal,
            String note) {
        return new Row(measure, value, unit, baselineName, baseline, value / baseline, goal, note);
    }

    /** A measure with no baseline, judged on its own value. */
    public static Row absolute(String measure, double value, String unit, Goal goal, String note) {
        return new Row(measure, value, unit, "none", Double.NaN, Double.NaN, goal, note);
    }

    public static Row notMeasured(String measure, String unit, Goal goal, String reason) {
        return new Row(measure, Double.NaN, unit, "-", Double.NaN, Double.NaN, goal, reason);
    }

    public boolean measured() {
        return !Double.isNaN(value);
    }

    public String verdict() {
        return goal.verdict(value, ratio);
    }

    String valueCell() {
        return measured() ? format(value) + " " + unit : "not measured";
    }

    String baselineCell() {
        return Double.isNaN(baseline) ? baselineName : format(baseline) + " " + unit + " (" + baselineName + ")";
    }

    String ratioCell() {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.3f", ratio);
    }

    /** Three significant figures at most, thousands grouped: the noise floor of a shared 2-core machine. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double abs = Math.abs(v);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
