package io.github.camelgcptasks.benchmarks;

import java.util.function.BiPredicate;

/** A goal from the benchmark issue: its wording for the table and the test that decides met or missed. */
public record Goal(String text, BiPredicate<Double, Double> test) {

    public static Goal ratioAtLeast(double min) {
        return new Goal("ratio >= " + min, (value, ratio) -> ratio >= min);
    }

    public static Goal valueAtLeast(double min, String unit) {
        return new Goal(">= " + Row.format(min) + " " + unit, (value, ratio) -> value >= min);
    }

    public static Goal valueBelow(double max, String unit) {
        return new Goal("< " + Row.format(max) + " " + unit, (value, ratio) -> value < max);
    }

    public static Goal ratioWithin(double tolerance) {
        return new Goal("ratio within 1 +/- " + tolerance, (value, ratio) -> Math.abs(ratio - 1) <= tolerance);
    }

    public static Goal valueAtMost(double max, String text) {
        return new Goal(text, (value, ratio) -> value <= max);
    }

    /** A figure the issue asks to report, with nothing to meet. */
    public static Goal reported() {
        return new Goal("reported", (value, ratio) -> true);
    }

    /** A row that only informs another row's goal. */
    public static Goal none() {
        return new Goal("-", (value, ratio) -> true);
    }

    String verdict(double value, double ratio) {
        if (Double.isNaN(value)) {
            return "not measured";
        }
        if (text.equals("-") || text.equals("reported")) {
            return "-";
        }
        return test.test(value, ratio) ? "met" : "MISSED";
    }
}
