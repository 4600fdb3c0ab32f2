package io.github.camelgcptasks.benchmarks.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.github.camelgcptasks.benchmarks.EmulatorFixture;
import io.github.camelgcptasks.benchmarks.Names;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The whole loop in one JVM, as a user's app and their local emulator would run it: a gcp-tasks producer per queue,
 * the emulator dispatching over HTTP, and a {@code from("gcp-tasks:q")} route per queue on platform-http (Vert.x).
 * Sends are spread round-robin over the queues and capped at 64 in flight.
 */
public final class CamelLoop implements AutoCloseable {

    static final int IN_FLIGHT = 64;

    private final CamelContext context;
    private final List<AsyncProducer> producers = new ArrayList<>();
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final AtomicLong sendFailures = new AtomicLong();
    private final AtomicReference<Throwable> firstSendFailure = new AtomicReference<>();

    private CamelLoop(CamelContext context) {
        this.context = context;
    }

    /** Starts routes whose first step hands each delivered exchange to {@code routeStart}. */
    public static CamelLoop start(EmulatorFixture emulator, List<String> queueIds, Consumer<Exchange> routeStart)
            throws Exception {
        int port = FreePort.find(Names.HOST);
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost(Names.HOST);
        http.setBindPort(port);
        CamelContext context = new DefaultCamelContext();
        context.addService(new VertxPlatformHttpServer(http));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String queueId : queueIds) {
                    from("gcp-tasks:" + queueId + "?projectId=" + Names.PROJECT + "&location=" + Names.LOCATION)
                            .routeId("consume-" + queueId)
                            .process(routeStart::accept);
                }
            }
        });
        context.start();
        CamelLoop loop = new CamelLoop(context);
        for (String queueId : queueIds) {
            Endpoint endpoint = context.getEndpoint(Names.producerUri(queueId, emulator.grpcEndpoint(),
                    "targetBaseUrl=http://" + Names.HOST + ":" + port));
            AsyncProducer producer = endpoint.createAsyncProducer();
            producer.start();
            loop.endpoints.add(endpoint);
            loop.producers.add(producer);
        }
        return loop;
    }

    /** Creates task number {@code sequence} with the given body; blocks while 64 creations are in flight. */
    public void send(long sequence, String body) throws InterruptedException {
        slots.acquire();
        int index = (int) (sequence % producers.size());
        Exchange exchange = endpoints.get(index).createExchange();
        exchange.getIn().setBody(body);
        producers.get(index).process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                sendFailures.incrementAndGet();
                firstSendFailure.compareAndSet(null, exchange.getException());
            }
            slots.release();
        });
    }

    /** Waits for every creation to be acknowledged, and fails if any was refused. */
    public void awaitSent(long timeout, TimeUnit unit) throws InterruptedException {
        if (!slots.tryAcquire(IN_FLIGHT, timeout, unit)) {
            throw new IllegalStateException("task creations still in flight after " + timeout + " " + unit);
        }
        slots.release(IN_FLIGHT);
        if (sendFailures.get() > 0) {
            throw new IllegalStateException(sendFailures.get() + " task creations failed", firstSendFailure.get());
        }
    }

    @Override
    public void close() throws Exception {
        for (AsyncProducer producer : producers) {
            producer.stop();
        }
        context.close();
    }
}
