package io.github.camelgcptasks.component.producer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.time.Duration;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.Task;
import io.github.camelgcptasks.component.CloudTasksLimits;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.component.GcpTasksInvalidInputException;
import io.github.camelgcptasks.component.support.AsyncSends;
import io.github.camelgcptasks.component.support.CamelFixture;
import io.github.camelgcptasks.component.support.EmulatorSupport;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many exchanges at once, and batch bodies, against paused queues whose tasks stay to be counted.
 */
class ProducerThroughputAndBatchTest {

    private static final String MANY = "projects/p/locations/l/queues/many";
    private static final String BATCH = "projects/p/locations/l/queues/batch";
    private static final String ARRAY = "projects/p/locations/l/queues/array";

    static final CloudTasksEmulatorExtension EMULATOR = CloudTasksEmulatorExtension.withQueues(MANY, BATCH, ARRAY);

    @RegisterExtension
    static final CamelFixture CAMEL = new CamelFixture(EMULATOR, MANY, BATCH, ARRAY);

    private final CloudTasksClient client = CAMEL.client();
    private final CamelContext context = CAMEL.context();
    private final ProducerTemplate template = CAMEL.template();

    /**
     * One thread hands 1,000 exchanges to the producer without waiting for any of them: the producer must start every
     * call and return, completing each exchange from the client's callback.
     */
    @Test
    void thousandAsynchronousExchangesBecomeThousandDistinctTasks() throws Exception {
        AsyncProducer producer = context.getEndpoint("gcp-tasks:" + MANY + "?targetUrl=http://127.0.0.1:9/many")
                .createAsyncProducer();
        ServiceHelper.startService(producer);
        try {
            List<Exchange> exchanges = AsyncSends.sendAll(context, producer, 1000, Duration.ofSeconds(60));

            Set<String> names = new HashSet<>();
            for (Exchange exchange : exchanges) {
                assertThat(exchange.getException()).isNull();
                names.add(exchange.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class));
            }
            assertThat(names).hasSize(1000).doesNotContainNull();
            Set<String> listed = new HashSet<>();
            EmulatorSupport.tasks(client, MANY).forEach(t -> listed.add(t.getName()));
            assertThat(listed).isEqualTo(names);
        } finally {
            ServiceHelper.stopService(producer);
        }
    }

    @Test
    void listBodyOfHundredWithOneInvalidElementCreatesTheOther99() {
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            elements.add(i == 37 ? new byte[CloudTasksLimits.MAX_TASK_SIZE_BYTES + 1] : "element " + i);
        }
        Exchange exchange = template.send("gcp-tasks:" + BATCH + "?batch=true&targetUrl=http://127.0.0.1:9/batch",
                e -> e.getMessage().setBody(elements));
        assertThat(exchange.getException()).as("partial failures do not fail the exchange").isNull();
        assertThat(exchange.getMessage().getHeader(GcpTasksConstants.BATCH_FAILURES)).isEqualTo(1);

        @SuppressWarnings("unchecked")
        List<GcpTasksBatchResult> results = exchange.getMessage().getBody(List.class);
        assertThat(results).hasSize(100);
        assertThat(results).extracting(GcpTasksBatchResult::index).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 100).boxed().toList());
        GcpTasksBatchResult invalid = results.get(37);
        assertThat(invalid.isSuccess()).isFalse();
        assertThat(invalid.taskName()).isNull();
        assertThat(invalid.exception()).isInstanceOf(GcpTasksInvalidInputException.class)
                .hasMessageContaining("limit of 1048576 bytes (1 MB)");

        List<GcpTasksBatchResult> created = results.stream().filter(GcpTasksBatchResult::isSuccess).toList();
        assertThat(created).hasSize(99);
        Set<String> names = new HashSet<>();
        created.forEach(r -> names.add(r.taskName()));
        Set<String> listed = new HashSet<>();
        EmulatorSupport.tasks(client, BATCH).forEach(t -> listed.add(t.getName()));
        assertThat(listed).hasSize(99).isEqualTo(names);

        Task twelfth = EmulatorSupport.fullTask(client, results.get(12).taskName());
        assertThat(twelfth.getHttpRequest().getBody().toStringUtf8()).isEqualTo("element 12");
    }

    @Test
    void arrayBodyIsABatchToo() {
        Object[] elements = { "a", java.util.Map.of("k", 1) };
        Exchange exchange = template.send("gcp-tasks:" + ARRAY + "?batch=true&targetUrl=http://127.0.0.1:9/batch",
                e -> e.getMessage().setBody(elements));
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(GcpTasksConstants.BATCH_FAILURES)).isEqualTo(0);
        @SuppressWarnings("unchecked")
        List<GcpTasksBatchResult> results = exchange.getMessage().getBody(List.class);
        Task json = EmulatorSupport.fullTask(client, results.get(1).taskName());
        assertThat(json.getHttpRequest().getBody().toStringUtf8()).isEqualTo("{\"k\":1}");
        assertThat(json.getHttpRequest().getHeadersMap()).containsEntry("Content-Type", "application/json");
        assertThat(EmulatorSupport.tasks(client, ARRAY)).hasSize(2);
    }

    @Test
    void batchRefusesATaskNameHeaderBeforeCreatingAnything() {
        Exchange exchange = template.send("gcp-tasks:" + ARRAY + "?batch=true&targetUrl=http://127.0.0.1:9/batch",
                e -> {
                    e.getMessage().setBody(List.of("x", "y"));
                    e.getMessage().setHeader(GcpTasksConstants.TASK_NAME, "one-name");
                });
        assertThat(exchange.getException()).isInstanceOf(GcpTasksInvalidInputException.class)
                .hasMessageContaining("cannot name the tasks of a batch");
    }
}
