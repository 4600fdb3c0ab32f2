package io.github.camelgcptasks.benchmarks.emulation;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpServer;

/**
 * A bare HTTP endpoint that answers 200 and notes when each delivery arrived. Plain JDK server, no Camel: the
 * rate-limit measure is about the emulator's dispatcher, and the consumer should not be part of it.
 */
final class CountingHttpTarget implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final AtomicLongArray arrivals;
    private final AtomicInteger count = new AtomicInteger();

    CountingHttpTarget(String host, int capacity) throws IOException {
        this.arrivals = new AtomicLongArray(capacity);
        this.server = HttpServer.create(new InetSocketAddress(host, 0), 256);
        server.createContext("/", exchange -> {
            long now = System.nanoTime();
            int index = count.getAndIncrement();
            if (index < arrivals.length()) {
                arrivals.set(index, now);
            }
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/rate";
    }

    int count() {
        return count.get();
    }

    /** Arrival times recorded so far, sorted; a slot counted but not yet written (still 0) is left out. */
    long[] arrivalNanos() {
        int n = Math.min(count.get(), arrivals.length());
        return IntStream.range(0, n).mapToLong(arrivals::get).filter(t -> t != 0).sorted().toArray();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
