package io.github.camelgcptasks.benchmarks.paired;

import java.time.Duration;

/** One way of creating tasks, run for a slice of time on the calling thread. */
@FunctionalInterface
public interface Load {

    /** Operations completed and the time they took, from the slice's start until the last one completed. */
    record Slice(long operations, long nanos) {

        double perSecond() {
            return operations / (nanos / 1e9);
        }
    }

    /** Creates tasks for {@code length}, then waits for the calls still in flight, which count too. */
    Slice run(Duration length) throws InterruptedException;
}
