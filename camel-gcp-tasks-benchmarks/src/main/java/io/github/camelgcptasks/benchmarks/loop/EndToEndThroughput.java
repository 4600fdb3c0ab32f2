package io.github.camelgcptasks.benchmarks.loop;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.camelgcptasks.benchmarks.EmulatorFixture;
import io.github.camelgcptasks.benchmarks.RunSettings;

/**
 * Tasks per second from the first producer call of a batch to the last route completion of that batch, with 64
 * creations in flight: the pace of a local loop that pushes a backlog through.
 *
 * <p>One emulator and one Camel loop run every batch. The first timed batch follows only a short start (connections,
 * class loading), so it shows what a freshly started JVM gets; batches then keep running for the warm-up time, and
 * the warm batches after it show the steady pace, which on 2 cores takes a minute or more of load to reach.
 */
public final class EndToEndThroughput {

    /** Sequence numbers available to one measure; the warm-up stops early rather than run out of them. */
    private static final int MAX_TASKS = 2_000_000;

    /**
     * Result: the first timed batch, the median and range of the warm ones, how much warm-up came between, and the
     * redeliveries seen, which must be none for the figures to mean anything.
     */
    public record Result(double firstBatchPerSecond, double warmMedianPerSecond, double warmMinPerSecond,
            double warmMaxPerSecond, int batchTasks, long warmupTasks, double warmupSeconds, long duplicates) {
    }

    private EndToEndThroughput() {
    }

    public static Result measure(RunSettings settings) throws Exception {
        int batch = settings.endToEndTasks();
        int warmBatches = settings.endToEndWarmBatches();
        Arrivals arrivals = new Arrivals(MAX_TASKS);
        try (EmulatorFixture emulator = LoopQueues.startEmulator()) {
            try (CamelLoop loop = CamelLoop.start(emulator, List.of(LoopQueues.QUEUE_ID),
                    exchange -> arrivals.arrive(Stamp.parse(exchange.getMessage().getBody(String.class)).sequence()))) {
                Batches batches = new Batches(loop, arrivals);
                batches.run(settings.endToEndFirstTasks());
                double first = batches.timed(batch);

                long warmupStart = System.nanoTime();
                long warmupTasks = 0;
                long reserved = (long) batch * warmBatches;
                while (System.nanoTime() - warmupStart < settings.endToEndWarmup().toNanos()
                        && batches.sent() + batch + reserved <= MAX_TASKS) {
                    batches.run(batch);
                    warmupTasks += batch;
                }
                double warmupSeconds = (System.nanoTime() - warmupStart) / 1e9;

                double[] warm = new double[warmBatches];
                for (int i = 0; i < warmBatches; i++) {
                    warm[i] = batches.timed(batch);
                }
                loop.awaitSent(30, TimeUnit.SECONDS);
                LoopQueues.awaitCompleted(emulator);
                Arrays.sort(warm);
                return new Result(first, warm[warm.length / 2], warm[0], warm[warm.length - 1], batch, warmupTasks,
                        warmupSeconds, arrivals.duplicates());
            }
        }
    }

    /** Sends consecutive ranges of sequence numbers and waits for each to reach the route. */
    private static final class Batches {

        private final CamelLoop loop;
        private final Arrivals arrivals;
        private int next;

        Batches(CamelLoop loop, Arrivals arrivals) {
            this.loop = loop;
            this.arrivals = arrivals;
        }

        int sent() {
            return next;
        }

        /** Sends {@code count} tasks and waits until all have reached the route. */
        void run(int count) throws InterruptedException {
            int to = next + count;
            for (int i = next; i < to; i++) {
                loop.send(i, new Stamp(i, System.nanoTime()).body());
            }
            next = to;
            if (!arrivals.await(to, 120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + arrivals.distinct() + " of " + to
                        + " tasks reached the route within 120 s");
            }
        }

        /** {@link #run}, answering tasks per second. */
        double timed(int count) throws InterruptedException {
            long start = System.nanoTime();
            run(count);
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }
}
