package io.github.camelgcptasks.benchmarks.jmh;

import io.github.camelgcptasks.benchmarks.Names;
import io.github.camelgcptasks.benchmarks.Payload;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A Camel context whose gcp-tasks producer targets the same emulator queue as the raw-client baseline. The endpoint is
 * resolved once, as a route's {@code to()} resolves it once, so the measure is the producer and not URI parsing.
 */
@State(Scope.Benchmark)
public class CamelProducerState {

    CamelContext context;
    Endpoint endpoint;
    ProducerTemplate template;
    AsyncProducer asyncProducer;

    @Setup(Level.Trial)
    public void start(EmulatorState emulator) throws Exception {
        context = new DefaultCamelContext();
        context.start();
        endpoint = context.getEndpoint(Names.producerUri(EmulatorState.QUEUE_ID, emulator.fixture.grpcEndpoint(),
                "targetUrl=" + Payload.UNREACHABLE_URL));
        template = context.createProducerTemplate();
        // ProducerTemplate's async methods hop through a thread pool; a route's to() calls the AsyncProducer itself
        asyncProducer = endpoint.createAsyncProducer();
        asyncProducer.start();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        asyncProducer.stop();
        template.stop();
        context.stop();
    }
}
