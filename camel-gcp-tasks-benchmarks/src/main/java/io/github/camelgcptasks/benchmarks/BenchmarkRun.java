package io.github.camelgcptasks.benchmarks;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

import io.github.camelgcptasks.benchmarks.consumer.ConsumerOverhead;
import io.github.camelgcptasks.benchmarks.emulation.ColdCreateSpeed;
import io.github.camelgcptasks.benchmarks.emulation.EmulatorFootprint;
import io.github.camelgcptasks.benchmarks.emulation.EmulatorMemory;
import io.github.camelgcptasks.benchmarks.emulation.EmulatorStartTime;
import io.github.camelgcptasks.benchmarks.emulation.RateLimitFidelity;
import io.github.camelgcptasks.benchmarks.loop.DeliveryLatency;
import io.github.camelgcptasks.benchmarks.loop.EndToEndThroughput;
import io.github.camelgcptasks.benchmarks.paired.EmulatorCreatePath;
import io.github.camelgcptasks.benchmarks.paired.RestCreatePath;
import io.github.camelgcptasks.benchmarks.paired.PairedComparison;
import io.github.camelgcptasks.benchmarks.paired.ProducerOverhead;

/**
 * Runs every measure of the benchmark issue in turn and gathers them into one table. A measure that fails becomes a
 * "not measured" row carrying the reason, so one broken path never hides the others' figures.
 */
public final class BenchmarkRun {

    private static final String TASKS_PER_SECOND = "tasks/s";
    private static final String DELIVERIES_PER_SECOND = "deliveries/s";

    private BenchmarkRun() {
    }

    /** The measures in the order they run, by the name {@code --only} takes. */
    public static final List<String> MEASURES = List.of("end-to-end", "latency", "producer", "emulator-create",
            "rest-create", "consumer", "memory", "rate-limit", "start", "footprint", "cold-create");

    public static ResultTable run(RunSettings settings) {
        return run(settings, MEASURES);
    }

    /**
     * Runs the named measures only, for instance to profile one of them. The end-to-end measure goes first, so its
     * first batch shows a JVM that has run none of this code yet.
     */
    public static ResultTable run(RunSettings settings, Collection<String> measures) {
        ResultTable table = new ResultTable();
        timed(measures, "end-to-end", "end-to-end throughput", () -> endToEndRows(settings, table));
        timed(measures, "latency", "create-to-route latency", () -> latencyRows(settings, table));
        timed(measures, "producer", "producer against the raw client", () -> producerRows(settings, table));
        timed(measures, "emulator-create", "emulator CreateTask against a trivial server",
                () -> emulatorCreateRow(settings, table));
        timed(measures, "rest-create", "emulator CreateTask over REST against gRPC",
                () -> restCreateRow(settings, table));
        timed(measures, "consumer", "consumer against a bare platform-http route",
                () -> consumerRows(settings, table));
        timed(measures, "memory", "emulator memory", () -> memoryRows(settings, table));
        timed(measures, "rate-limit", "rate-limit fidelity", () -> rateLimitRow(settings, table));
        timed(measures, "start", "emulator start time", () -> startRows(settings, table));
        timed(measures, "footprint", "emulator resident memory", () -> footprintRows(settings, table));
        timed(measures, "cold-create", "CreateTask right after process start", () -> coldCreateRow(settings, table));
        return table;
    }

    /** Progress on stderr, so a long run shows where it is and stdout keeps only the table. */
    private static void timed(Collection<String> selected, String key, String name, Runnable measure) {
        if (!selected.contains(key)) {
            return;
        }
        System.err.println("[benchmarks] " + name + "...");
        long start = System.nanoTime();
        measure.run();
        System.err.printf(Locale.ROOT, "[benchmarks] %s done in %.1f s%n", name, (System.nanoTime() - start) / 1e9);
    }

    private static void producerRows(RunSettings settings, ResultTable table) {
        String sync = "producer, synchronous createTask";
        String async = "producer, asynchronous, 64 in flight";
        Goal syncGoal = Goal.ratioAtLeast(0.90);
        Goal asyncGoal = Goal.ratioAtLeast(0.85);
        try (ProducerOverhead overhead = ProducerOverhead.start()) {
            table.add(paired(settings, sync, overhead.synchronous(settings), "raw createTask loop", syncGoal));
            table.add(paired(settings, async, overhead.asynchronous(settings), "raw futureCall, 64 in flight",
                    asyncGoal));
        } catch (Exception e) {
            table.add(Row.notMeasured(sync, TASKS_PER_SECOND, syncGoal, describe(e)));
            table.add(Row.notMeasured(async, TASKS_PER_SECOND, asyncGoal, describe(e)));
        }
    }

    private static void emulatorCreateRow(RunSettings settings, ResultTable table) {
        String measure = "emulator CreateTask path, 64 in flight";
        Goal goal = Goal.ratioAtLeast(0.85);
        try {
            table.add(paired(settings, measure, EmulatorCreatePath.measure(settings), "trivial gRPC server", goal));
        } catch (Exception e) {
            table.add(Row.notMeasured(measure, TASKS_PER_SECOND, goal, describe(e)));
        }
    }

    private static void restCreateRow(RunSettings settings, ResultTable table) {
        String measure = "emulator CreateTask over REST (HttpJson client), 64 in flight";
        Goal goal = Goal.reported();
        try {
            table.add(paired(settings, measure, RestCreatePath.measure(settings), "gRPC CreateTask, same emulator",
                    goal));
        } catch (Exception e) {
            table.add(Row.notMeasured(measure, TASKS_PER_SECOND, goal, describe(e)));
        }
    }

    private static void consumerRows(RunSettings settings, ResultTable table) {
        String plain = "consumer, gcp-tasks route, no token verification, 64 in flight";
        String secured = "consumer, gcp-tasks route, OIDC token verified, 64 in flight";
        String baseline = "bare platform-http route";
        Goal plainGoal = Goal.ratioAtLeast(0.90);
        Goal securedGoal = Goal.ratioAtLeast(0.75);
        try (ConsumerOverhead overhead = ConsumerOverhead.start()) {
            table.add(paired(settings, plain, overhead.withoutVerification(settings), DELIVERIES_PER_SECOND,
                    baseline, plainGoal));
            table.add(paired(settings, secured, overhead.withVerification(settings), DELIVERIES_PER_SECOND,
                    baseline, securedGoal));
        } catch (Exception e) {
            table.add(Row.notMeasured(plain, DELIVERIES_PER_SECOND, plainGoal, describe(e)));
            table.add(Row.notMeasured(secured, DELIVERIES_PER_SECOND, securedGoal, describe(e)));
        }
    }

    private static Row paired(RunSettings settings, String measure, PairedComparison.Result result,
            String baselineName, Goal goal) {
        return paired(settings, measure, result, TASKS_PER_SECOND, baselineName, goal);
    }

    private static Row paired(RunSettings settings, String measure, PairedComparison.Result result, String unit,
            String baselineName, Goal goal) {
        String note = String.format(Locale.ROOT, "%d pairs of %s s slices in one JVM after %s s of warm-up; ratio "
                        + "within a pair: median %.3f, lowest %.3f, highest %.3f", result.pairs(),
                Row.format(settings.pairedSlice().toMillis() / 1000.0),
                Row.format(settings.pairedWarmup().toMillis() / 1000.0), result.pairRatioMedian(),
                result.pairRatioLow(), result.pairRatioHigh());
        return Row.versus(measure, result.subjectPerSecond(), unit, baselineName,
                result.baselinePerSecond(), goal, note);
    }

    private static void endToEndRows(RunSettings settings, ResultTable table) {
        String first = "end to end, first batch after start, rate limits lifted";
        String warm = "end to end, warm, producer to route completion, rate limits lifted";
        Goal goal = Goal.valueAtLeast(3000, TASKS_PER_SECOND);
        try {
            EndToEndThroughput.Result result = EndToEndThroughput.measure(settings);
            table.add(Row.absolute(first, result.firstBatchPerSecond(), TASKS_PER_SECOND, Goal.reported(),
                    String.format(Locale.ROOT, "%,d tasks, timed right after a %,d-task start of a fresh emulator "
                            + "and Camel context", result.batchTasks(), settings.endToEndFirstTasks())));
            table.add(Row.absolute(warm, result.warmMedianPerSecond(), TASKS_PER_SECOND, goal, String.format(
                    Locale.ROOT, "median of %s of %,d tasks (range %s to %s) after %,d warm-up tasks in %s s; "
                            + "one queue, emulator rate limits lifted, 64 creations in flight; %d redeliveries",
                    plural(settings.endToEndWarmBatches(), "batch"), result.batchTasks(),
                    Row.format(result.warmMinPerSecond()), Row.format(result.warmMaxPerSecond()), result.warmupTasks(), Row.format(result.warmupSeconds()),
                    result.duplicates())));
        } catch (Exception e) {
            table.add(Row.notMeasured(first, TASKS_PER_SECOND, Goal.reported(), describe(e)));
            table.add(Row.notMeasured(warm, TASKS_PER_SECOND, goal, describe(e)));
        }
    }

    private static void latencyRows(RunSettings settings, ResultTable table) {
        latencyRows(settings, table, false, "in one JVM");
        latencyRows(settings, table, true, "emulator as a separate process");
    }

    private static void latencyRows(RunSettings settings, ResultTable table, boolean separateProcess, String where) {
        List<DeliveryLatency.Result> results = null;
        String failure = null;
        try {
            results = DeliveryLatency.measure(settings, separateProcess);
        } catch (Exception e) {
            failure = describe(e);
        }
        List<Integer> rates = settings.latencyRatesPerSecond();
        for (int i = 0; i < rates.size(); i++) {
            int rate = rates.get(i);
            String prefix = "latency create to route start at " + Row.format(rate) + " tasks/s, " + where + ", ";
            // the goals: p50 < 1 ms and p99 < 5 ms at 100/s; p99 < 20 ms at 500/s
            Goal p50Goal = rate <= 100 ? Goal.valueBelow(1, "ms") : Goal.reported();
            Goal p99Goal = rate <= 100 ? Goal.valueBelow(5, "ms") : Goal.valueBelow(20, "ms");
            if (results == null) {
                table.add(Row.notMeasured(prefix + "p50", "ms", p50Goal, failure));
                table.add(Row.notMeasured(prefix + "p99", "ms", p99Goal, failure));
                continue;
            }
            DeliveryLatency.Result result = results.get(i);
            table.add(Row.absolute(prefix + "p50", result.p50Millis(), "ms", p50Goal, null));
            table.add(Row.absolute(prefix + "p99", result.p99Millis(), "ms", p99Goal, String.format(Locale.ROOT,
                    "%,d samples after %s s at this rate, max %s ms; emulator %s; %d redeliveries in the run;"
                            + " sender late by %s ms at p99",
                    result.samples(), Row.format(settings.latencyWarmup().toMillis() / 1000.0),
                    Row.format(result.maxMillis()), result.emulator(), result.duplicates(),
                    Row.format(result.senderLateP99Millis()))));
        }
    }

    private static void memoryRows(RunSettings settings, ResultTable table) {
        String tasks = String.format(Locale.ROOT, "%,d", settings.memoryTasks());
        String heap = "emulator heap, " + tasks + " queued 1 KB tasks";
        String perTask = "emulator heap per queued 1 KB task";
        int cap = settings.memoryHeapMegabytes();
        Goal fits = Goal.valueAtMost(cap, "fits -Xmx" + cap + "m");
        try {
            EmulatorMemory.Result result = EmulatorMemory.measure(settings);
            table.add(Row.versus(heap, result.afterBytes() / 1048576.0, "MB", "heap before filling",
                    result.beforeBytes() / 1048576.0, fits, "used heap after full GC, in a JVM run with -Xmx" + cap
                            + "m"));
            table.add(Row.absolute(perTask, result.bytesPerTask(), "bytes", Goal.reported(), null));
        } catch (Exception e) {
            table.add(Row.notMeasured(heap, "MB", fits, describe(e)));
            table.add(Row.notMeasured(perTask, "bytes", Goal.reported(), describe(e)));
        }
    }

    private static void rateLimitRow(RunSettings settings, ResultTable table) {
        String rate = Row.format(settings.rateLimitPerSecond());
        String measure = "rate-limit fidelity at " + rate + " dispatches/s";
        Goal goal = Goal.ratioWithin(0.05);
        try {
            RateLimitFidelity.Result result = RateLimitFidelity.measure(settings);
            table.add(Row.versus(measure, result.perSecond(), "dispatches/s", "configured rate",
                    settings.rateLimitPerSecond(), goal, String.format(Locale.ROOT,
                            "%,d deliveries in a %s s window after a %s s burst allowance", result.deliveries(),
                            Row.format(settings.rateLimitWindow().toMillis() / 1000.0),
                            Row.format(settings.rateLimitSkip().toMillis() / 1000.0))));
        } catch (Exception e) {
            table.add(Row.notMeasured(measure, "dispatches/s", goal, describe(e)));
        }
    }

    private static void startRows(RunSettings settings, ResultTable table) {
        String standalone = "emulator start, standalone jar, process start to first answered RPC";
        String tuned = "emulator start, standalone jar with the flags and class-data archive of emulator.md, "
                + "process start to first answered RPC";
        String second = "emulator start() in a JVM that already started one";
        String extension = "JUnit extension per test class (beforeAll + afterAll)";
        Goal standaloneGoal = Goal.valueBelow(300, "ms");
        Goal secondGoal = Goal.valueBelow(50, "ms");
        try {
            EmulatorStartTime.Result result = EmulatorStartTime.measure(settings);
            table.add(Row.absolute(standalone, Percentiles.median(result.standaloneMillis()), "ms",
                    standaloneGoal, "median of " + runs(result.standaloneMillis()) + "; " + result.launchedFrom()
                            + ", default JVM settings"));
            table.add(Row.absolute(tuned, Percentiles.median(result.standaloneTunedMillis()), "ms",
                    standaloneGoal, "median of " + runs(result.standaloneTunedMillis()) + ", alternated with the "
                            + "row above; " + String.join(" ", result.tunedFlags()).replaceAll("=\\S*/", "=")));
            table.add(Row.absolute(second, Percentiles.median(result.secondStartMillis()), "ms",
                    secondGoal, "median of " + runs(result.secondStartMillis()) + ", build() and start() of one "
                            + "queue's emulator"));
            table.add(Row.absolute(extension, Percentiles.median(result.extensionMillis()), "ms",
                    Goal.reported(), "median of " + runs(result.extensionMillis()) + ", in a JVM that already "
                            + "started an emulator: start and stop"));
        } catch (Exception e) {
            table.add(Row.notMeasured(standalone, "ms", standaloneGoal, describe(e)));
            table.add(Row.notMeasured(tuned, "ms", standaloneGoal, describe(e)));
            table.add(Row.notMeasured(second, "ms", secondGoal, describe(e)));
            table.add(Row.notMeasured(extension, "ms", Goal.reported(), describe(e)));
        }
    }

    private static void coldCreateRow(RunSettings settings, ResultTable table) {
        String measure = String.format(Locale.ROOT, "emulator CreateTask cold, first %,d calls after process start, "
                + "64 in flight, 1 KB", settings.coldCreates());
        String tuned = measure + ", small-footprint flags and class-data archive of emulator.md";
        String baseline = "freshly started trivial gRPC server process";
        Goal goal = Goal.valueAtLeast(5000, TASKS_PER_SECOND);
        try {
            ColdCreateSpeed.Result result = ColdCreateSpeed.measure(settings);
            double trivial = Percentiles.median(result.trivialPerSecond());
            table.add(Row.versus(measure, Percentiles.median(result.emulatorPerSecond()), TASKS_PER_SECOND,
                    baseline, trivial, goal, String.format(Locale.ROOT,
                            "median of %d fresh processes each, alternated; emulator %s, trivial server %s tasks/s; "
                                    + "paused queue; %s, default JVM settings; the client warmed first by %,d "
                                    + "creations against an in-JVM trivial server, so only the server is cold",
                            result.emulatorPerSecond().length, listed(result.emulatorPerSecond()),
                            listed(result.trivialPerSecond()), result.launchedFrom(), result.clientWarmupCreates())));
            table.add(Row.versus(tuned, Percentiles.median(result.tunedEmulatorPerSecond()),
                    TASKS_PER_SECOND, baseline + " (default JVM settings)", trivial, Goal.reported(),
                    "the same runs, alternated with the ones above; emulator " + listed(result.tunedEmulatorPerSecond())
                            + " tasks/s"));
        } catch (Exception e) {
            table.add(Row.notMeasured(measure, TASKS_PER_SECOND, goal, describe(e)));
            table.add(Row.notMeasured(tuned, TASKS_PER_SECOND, Goal.reported(), describe(e)));
        }
    }

    /** The figures in the order taken, comma separated. */
    private static String listed(double[] figures) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < figures.length; i++) {
            text.append(i == 0 ? "" : ", ").append(Row.format(figures[i]));
        }
        return text.toString();
    }

    private static void footprintRows(RunSettings settings, ResultTable table) {
        String small = "emulator resident memory, standalone jar idle, small-footprint flags of emulator.md";
        String archive = "emulator resident memory, standalone jar idle, those flags and the class-data archive";
        Goal goal = Goal.valueBelow(64, "MB");
        try {
            EmulatorFootprint.Result result = EmulatorFootprint.measure(settings);
            String note = "VmRSS " + Row.format(result.settle().toMillis() / 1000.0) + " s after the first answered "
                    + "RPC; " + String.join(" ", StandaloneEmulator.SMALL_FOOTPRINT_FLAGS);
            table.add(Row.absolute(small, result.smallFlagsBytes() / 1048576.0, "MB", goal, note));
            table.add(Row.absolute(archive, result.smallFlagsArchiveBytes() / 1048576.0, "MB", Goal.reported(),
                    "the same, with -XX:SharedArchiveFile"));
        } catch (Exception e) {
            table.add(Row.notMeasured(small, "MB", goal, describe(e)));
            table.add(Row.notMeasured(archive, "MB", Goal.reported(), describe(e)));
        }
    }

    private static String runs(double[] millis) {
        return millis.length + " runs (" + listed(millis) + " ms)";
    }

    private static String plural(int count, String noun) {
        return count + " " + (count == 1 ? noun : noun.endsWith("h") ? noun + "es" : noun + "s");
    }

    private static String describe(Throwable e) {
        StringBuilder reason = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            reason.append("; caused by ").append(cause.getClass().getSimpleName()).append(": ")
                    .append(cause.getMessage());
        }
        return reason.toString().replace('|', '/').replace('\n', ' ');
    }
}
