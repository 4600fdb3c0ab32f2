package io.github.camelgcptasks.benchmarks.loop;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.camelgcptasks.benchmarks.EmulatorFixture;
import io.github.camelgcptasks.benchmarks.RunSettings;

/**
 * Tasks per second from the first producer call to the last route completion, with 64 creations in flight: the pace
 * of a local loop that pushes a backlog through. A warm-up batch first runs the same path, so JIT and connection
 * setup stay out of the figure.
 */
public final class EndToEndThroughput {

    /** Result: tasks per second, plus the redeliveries seen, which must be none for the figure to mean anything. */
    public record Result(double tasksPerSecond, long tasks, long duplicates) {
    }

    private EndToEndThroughput() {
    }

    public static Result measure(RunSettings settings) throws Exception {
        int warmup = settings.endToEndWarmupTasks();
        int total = warmup + settings.endToEndTasks();
        Arrivals arrivals = new Arrivals(total);
        try (EmulatorFixture emulator = LoopQueues.startEmulator()) {
            try (CamelLoop loop = CamelLoop.start(emulator, List.of(LoopQueues.QUEUE_ID),
                    exchange -> arrivals.arrive(Stamp.parse(exchange.getMessage().getBody(String.class)).sequence()))) {
                sendRange(loop, 0, warmup);
                awaitArrivals(arrivals, warmup);

                long start = System.nanoTime();
                sendRange(loop, warmup, total);
                awaitArrivals(arrivals, total);
                double seconds = (System.nanoTime() - start) / 1e9;
                loop.awaitSent(30, TimeUnit.SECONDS);
                LoopQueues.awaitCompleted(emulator);
                return new Result(settings.endToEndTasks() / seconds, settings.endToEndTasks(), arrivals.duplicates());
            }
        }
    }

    private static void sendRange(CamelLoop loop, int from, int to) throws InterruptedException {
        for (int i = from; i < to; i++) {
            loop.send(i, new Stamp(i, System.nanoTime()).body());
        }
    }

    private static void awaitArrivals(Arrivals arrivals, int count) throws InterruptedException {
        if (!arrivals.await(count, 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + arrivals.distinct() + " of " + count
                    + " tasks reached the route within 120 s");
        }
    }
}
