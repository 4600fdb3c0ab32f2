package io.github.camelgcptasks.benchmarks.emulation;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.github.camelgcptasks.benchmarks.EmulatorFixture;
import io.github.camelgcptasks.benchmarks.Names;
import io.github.camelgcptasks.benchmarks.Payload;

/**
 * Runs in a child JVM with the heap cap under test, so "fits a 512 MB heap" is proven by not failing, and nothing of
 * the harness (Camel, the loops) sits in the heap being measured. Prints one line: {@code HEAP <before> <after>} in
 * bytes.
 */
public final class EmulatorMemoryProbe {

    static final String RESULT_PREFIX = "HEAP ";

    private EmulatorMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = Integer.parseInt(args[0]);
        int taskBytes = Integer.parseInt(args[1]);
        byte[] body = Payload.ofSize(taskBytes);
        // an hour ahead: queued, never dispatched, so the count in the heap is exactly what was created
        Instant later = Instant.now().plus(1, ChronoUnit.HOURS);
        try (EmulatorFixture emulator = EmulatorFixture.start(List.of("memory", "warmup"))) {
            // run the create path once at scale first, so class loading and gRPC buffers land in "before"
            TaskFiller.fill(emulator.client(), Names.queuePath("warmup"), Math.min(2_000, tasks), body, Payload.UNREACHABLE_URL, later);
            emulator.purge("warmup");
            long before = usedHeapAfterGc();
            TaskFiller.fill(emulator.client(), Names.queuePath("memory"), tasks, body, Payload.UNREACHABLE_URL, later);
            long after = usedHeapAfterGc();
            System.out.println(RESULT_PREFIX + before + " " + after);
        }
    }

    /** Used heap once collection stops freeing anything: what the heap retains, not what it last allocated. */
    private static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used * 0.99) {
                return Math.min(now, used);
            }
            used = Math.min(used, now);
        }
        return used;
    }
}
