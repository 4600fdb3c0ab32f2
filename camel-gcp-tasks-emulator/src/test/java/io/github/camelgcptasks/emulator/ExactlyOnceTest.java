package io.github.camelgcptasks.emulator;

import com.google.cloud.tasks.v2.CloudTasksClient;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.support.Clients;
import io.github.camelgcptasks.emulator.support.RecordingReceiver;
import io.github.camelgcptasks.emulator.support.RecordingReceiver.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelgcptasks.emulator.support.Clients.httpTask;
import static io.github.camelgcptasks.emulator.support.Clients.queueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ExactlyOnceTest {

    private static final String QUEUE = queueName("exactly-once");
    private static final int THREADS = 8;
    private static final int TASKS = 2000;

    @RegisterExtension
    static final CloudTasksEmulatorExtension EMULATOR = CloudTasksEmulatorExtension.withQueues(QUEUE);

    @Test
    void tasksCreatedFromEightThreadsAreEachDeliveredExactlyOnce() throws Exception {
        ExecutorService producers = Executors.newFixedThreadPool(THREADS);
        try (RecordingReceiver receiver = new RecordingReceiver();
             CloudTasksClient client = Clients.client(EMULATOR.emulator())) {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int first = thread * (TASKS / THREADS);
                done.add(producers.submit(() -> {
                    for (int i = first; i < first + TASKS / THREADS; i++) {
                        client.createTask(QUEUE, httpTask(receiver.url("/once"), "task-" + i).build());
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() >= TASKS);
            // nothing more arrives afterwards, and the queue is empty once the last answers are recorded
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.received().size() == TASKS);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !client.listTasks(QUEUE).iterateAll().iterator().hasNext());

            List<String> bodies = receiver.received().stream().map(Received::bodyText).toList();
            Set<String> expected = IntStream.range(0, TASKS).mapToObj(i -> "task-" + i).collect(Collectors.toSet());
            assertThat(bodies).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            assertThat(receiver.received()).allSatisfy(r ->
                    assertThat(r.header("X-CloudTasks-TaskRetryCount")).isEqualTo("0"));
        } finally {
            producers.shutdownNow();
        }
    }
}
