package io.github.camelgcptasks.emulator.server;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The in-process gRPC server and channel through which REST calls reach the services, made on the first REST call:
 * a channel brings in the client half of grpc-java, some hundreds of classes that an emulator called only over gRPC
 * never needs.
 */
final class InProcessChannel implements Supplier<ManagedChannel>, AutoCloseable {

    /** Numbers the in-process servers, whose names need only be unique within this JVM. */
    private static final AtomicLong SERVERS = new AtomicLong();

    private final List<ServerServiceDefinition> services;
    private Server server;
    private ManagedChannel channel;
    private boolean closed;

    InProcessChannel(List<ServerServiceDefinition> services) {
        this.services = List.copyOf(services);
    }

    @Override
    public synchronized ManagedChannel get() {
        if (closed) {
            throw new IllegalStateException("The emulator is stopping");
        }
        if (channel == null) {
            // a counter, not a random UUID: SecureRandom's set-up would cost a hundred classes more
            String name = "cloud-tasks-emulator-" + SERVERS.incrementAndGet();
            try {
                server = InProcessServerBuilder.forName(name).directExecutor().addServices(services).build().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the in-process server of the REST API", e);
            }
            channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        }
        return channel;
    }

    /** Closes the channel and server if they were made, waiting at most 5 seconds. */
    @Override
    public synchronized void close() {
        closed = true;
        if (channel == null) {
            return;
        }
        channel.shutdownNow();
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
