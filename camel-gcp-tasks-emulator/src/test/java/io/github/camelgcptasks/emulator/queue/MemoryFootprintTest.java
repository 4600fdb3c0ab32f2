package io.github.camelgcptasks.emulator.queue;

import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.ByteString;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100,000 queued tasks of 1 KB must fit a 512 MB heap with room to spare for the server. Measured on the queue
 * itself, as the gRPC path adds no retained state per task.
 */
class MemoryFootprintTest {

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        // a few rounds, as one System.gc() may not collect everything
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    @Test
    void hundredThousandOneKilobyteTasksTakeLessThan300Megabytes() {
        TaskQueue queue = new TaskQueue(QueueConfig.withDefaults("projects/p/locations/l/queues/memory"),
                Duration.ofHours(1), Clock.systemUTC());
        TaskValidator validator = new TaskValidator(false);
        long before = usedHeapAfterGc();

        for (int i = 0; i < 100_000; i++) {
            byte[] body = new byte[1024];
            ThreadLocalRandom.current().nextBytes(body);
            Task request = Task.newBuilder().setHttpRequest(HttpRequest.newBuilder()
                    .setUrl("http://localhost:8080/gcp-tasks/memory")
                    .putHeaders("Content-Type", "application/octet-stream")
                    .setBody(ByteString.copyFrom(body))).build();
            queue.create(null, validator.validateNew(request, "", Instant.now()), Task.View.BASIC);
        }

        long retained = usedHeapAfterGc() - before;
        assertThat(queue.size()).isEqualTo(100_000);
        assertThat(retained).as("bytes retained by 100,000 queued 1 KB tasks").isLessThan(300L * 1024 * 1024);
    }
}
