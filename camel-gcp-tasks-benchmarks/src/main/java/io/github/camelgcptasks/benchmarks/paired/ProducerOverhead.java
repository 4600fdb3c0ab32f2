package io.github.camelgcptasks.benchmarks.paired;

import java.util.List;

import com.google.cloud.tasks.v2.CloudTasksClient;
import io.github.camelgcptasks.benchmarks.EmulatorFixture;
import io.github.camelgcptasks.benchmarks.Names;
import io.github.camelgcptasks.benchmarks.Payload;
import io.github.camelgcptasks.benchmarks.RunSettings;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * What {@code to("gcp-tasks:q")} costs over calling the client by hand: the component's producer against the raw
 * client, on the same emulator queue. The queue is paused, so creation is measured alone with no dispatching
 * competing for the cores, and purged after every slice so it does not grow. The endpoint is resolved once, as a
 * route's {@code to()} resolves it once, so the measure is the producer and not URI parsing.
 */
public final class ProducerOverhead implements AutoCloseable {

    private static final String QUEUE_ID = "bench";

    private final EmulatorFixture emulator;
    private final CamelContext context;
    private final Endpoint endpoint;
    private final AsyncProducer asyncProducer;
    private final ProducerTemplate template;

    private ProducerOverhead() throws Exception {
        emulator = EmulatorFixture.start(List.of(QUEUE_ID));
        emulator.pause(QUEUE_ID);
        context = new DefaultCamelContext();
        context.start();
        endpoint = context.getEndpoint(Names.producerUri(QUEUE_ID, emulator.grpcEndpoint(),
                "targetUrl=" + Payload.UNREACHABLE_URL));
        template = context.createProducerTemplate();
        asyncProducer = endpoint.createAsyncProducer();
        asyncProducer.start();
    }

    public static ProducerOverhead start() throws Exception {
        return new ProducerOverhead();
    }

    /** The producer behind {@code ProducerTemplate.sendBody} against {@code CloudTasksClient.createTask}. */
    public PairedComparison.Result synchronous(RunSettings settings) throws InterruptedException {
        return PairedComparison.measure(settings, CreateLoads.camelSync(template, endpoint),
                CreateLoads.rawSync(client(), queue()), this::purge);
    }

    /** The AsyncProducer against the raw client's {@code futureCall}, 64 in flight each. */
    public PairedComparison.Result asynchronous(RunSettings settings) throws InterruptedException {
        return PairedComparison.measure(settings, CreateLoads.camelAsync(asyncProducer, endpoint),
                CreateLoads.rawAsync(client(), queue()), this::purge);
    }

    private CloudTasksClient client() {
        return emulator.client();
    }

    private static String queue() {
        return Names.queuePath(QUEUE_ID);
    }

    private void purge() {
        emulator.purge(QUEUE_ID);
    }

    @Override
    public void close() throws Exception {
        asyncProducer.stop();
        template.stop();
        context.close();
        emulator.close();
    }
}
