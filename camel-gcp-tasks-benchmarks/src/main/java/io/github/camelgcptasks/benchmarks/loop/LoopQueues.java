package io.github.camelgcptasks.benchmarks.loop;

import java.time.Duration;
import java.util.List;

import io.github.camelgcptasks.benchmarks.EmulatorFixture;

/**
 * The loop measures' queue, "rate limits lifted": the emulator runs with max_dispatches_per_second ignored (the real
 * service caps a queue at 500/s, below the 3,000/s goal) and the queue allows the service's maximum of 5,000
 * concurrent dispatches, so the component and the emulator's own work set the pace.
 */
final class LoopQueues {

    static final String QUEUE_ID = "loop";
    private static final int MAX_CONCURRENT_DISPATCHES = 5000;

    private LoopQueues() {
    }

    static EmulatorFixture startEmulator() {
        return startEmulator(false);
    }

    /** @param separateProcess run the standalone jar in a JVM of its own rather than in this one */
    static EmulatorFixture startEmulator(boolean separateProcess) {
        EmulatorFixture emulator = separateProcess ? EmulatorFixture.startProcess(List.of(QUEUE_ID), false)
                : EmulatorFixture.start(List.of(QUEUE_ID), false);
        emulator.rateLimits(QUEUE_ID, 500, MAX_CONCURRENT_DISPATCHES);
        return emulator;
    }

    /** The route has seen every task; let the emulator hear every answer before Camel stops under it. */
    static void awaitCompleted(EmulatorFixture emulator) throws InterruptedException {
        if (!emulator.awaitEmpty(QUEUE_ID, Duration.ofSeconds(30))) {
            throw new IllegalStateException("tasks still queued 30 s after the last one reached the route");
        }
    }
}
