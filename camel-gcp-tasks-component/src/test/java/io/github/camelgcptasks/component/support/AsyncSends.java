package io.github.camelgcptasks.component.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Hands many exchanges to an asynchronous producer from one thread, without waiting for any, then waits for all. */
public final class AsyncSends {

    private AsyncSends() {
    }

    /**
     * Sends {@code count} exchanges with bodies {@code "message 0"}, {@code "message 1"}, ... and returns them once
     * every one has completed, in the order they were sent.
     */
    public static List<Exchange> sendAll(CamelContext context, AsyncProducer producer, int count, Duration timeout) {
        List<Exchange> exchanges = new ArrayList<>(count);
        AtomicInteger completed = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setBody("message " + i);
            exchanges.add(exchange);
            producer.process(exchange, doneSync -> completed.incrementAndGet());
        }
        await().atMost(timeout).untilAtomic(completed, equalTo(count));
        return exchanges;
    }
}
