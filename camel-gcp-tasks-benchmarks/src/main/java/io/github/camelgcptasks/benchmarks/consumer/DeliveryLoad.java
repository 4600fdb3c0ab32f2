package io.github.camelgcptasks.benchmarks.consumer;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.github.camelgcptasks.benchmarks.paired.Load;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * POSTs the same body with the same headers to one path, 64 requests in flight over kept-alive connections, as Cloud
 * Tasks delivers a busy queue. Every answer must be 2xx; any other fails the measure rather than be timed.
 */
final class DeliveryLoad implements Load {

    static final int IN_FLIGHT = 64;

    private final HttpClient client;
    private final RequestOptions request;
    private final Buffer body;
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    DeliveryLoad(HttpClient client, String host, int port, String path, MultiMap headers, Buffer body) {
        this.client = client;
        this.request = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port).setURI(path)
                .setHeaders(headers);
        this.body = body;
    }

    @Override
    public Slice run(Duration length) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long calls = 0;
        while (System.nanoTime() - end < 0) {
            slots.acquire();
            client.request(request)
                    .compose(req -> req.send(body))
                    .compose(response -> response.body().map(answer -> response.statusCode()))
                    .onComplete(result -> {
                        if (result.failed()) {
                            fail(result.cause().toString());
                        } else if (result.result() / 100 != 2) {
                            fail("HTTP " + result.result() + " from " + request.getURI());
                        }
                        slots.release();
                    });
            calls++;
        }
        if (!slots.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("deliveries still in flight after 30 s");
        }
        slots.release(IN_FLIGHT);
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " deliveries failed, first: " + firstFailure.get());
        }
        return new Slice(calls, System.nanoTime() - start);
    }

    private void fail(String reason) {
        failures.incrementAndGet();
        firstFailure.compareAndSet(null, reason);
    }
}
