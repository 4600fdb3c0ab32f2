package io.github.camelgcptasks.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.ListTasksRequest;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.RateLimits;
import com.google.protobuf.FieldMask;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;

/**
 * An in-process emulator on loopback with its queues, plus the raw client that configures them. Every measure that
 * needs an emulator starts its own, so no measure inherits another's queued tasks or warm caches.
 */
public final class EmulatorFixture implements AutoCloseable {

    /** The in-process emulator; null when it runs as a process of its own. */
    private final CloudTasksEmulator emulator;
    /** The emulator's own process; null when it runs in this JVM. */
    private final StandaloneEmulator process;
    private final String grpcEndpoint;
    private final CloudTasksClient client;

    private EmulatorFixture(CloudTasksEmulator emulator, StandaloneEmulator process, String grpcEndpoint,
            CloudTasksClient client) {
        this.emulator = emulator;
        this.process = process;
        this.grpcEndpoint = grpcEndpoint;
        this.client = client;
    }

    public static EmulatorFixture start(List<String> queueIds) {
        return start(queueIds, true);
    }

    /** With {@code rateLimitsEnforced} false the emulator ignores max_dispatches_per_second; concurrency caps hold. */
    public static EmulatorFixture start(List<String> queueIds, boolean rateLimitsEnforced) {
        return start(CloudTasksEmulator.builder().rateLimits(rateLimitsEnforced), queueIds);
    }

    /**
     * An emulator whose PurgeQueue forgets the purged tasks' names too, for measures that purge between slices: the
     * names of the hundreds of thousands of tasks a measure creates would otherwise stay reserved for the run, and
     * what that costs is the harness's housekeeping, not the path being measured.
     */
    public static EmulatorFixture startForgettingPurgedNames(List<String> queueIds) {
        return start(CloudTasksEmulator.builder().hardResetOnPurgeQueue(true), queueIds);
    }

    private static EmulatorFixture start(CloudTasksEmulator.Builder settings, List<String> queueIds) {
        var builder = settings.host(Names.HOST).port(0).oidcPort(0);
        for (String queueId : queueIds) {
            builder = builder.queue(Names.queuePath(queueId));
        }
        CloudTasksEmulator emulator = builder.build();
        try {
            emulator.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the emulator", e);
        }
        return new EmulatorFixture(emulator, null, emulator.grpcEndpoint(), RawClient.connect(emulator.grpcEndpoint()));
    }

    /** The emulator as a separate process, from the standalone jar: what most users run. */
    public static EmulatorFixture startProcess(List<String> queueIds, boolean rateLimitsEnforced) {
        StandaloneEmulator process;
        try {
            process = StandaloneEmulator.start(queueIds.stream().map(Names::queuePath).toList(), rateLimitsEnforced);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the emulator process", e);
        }
        CloudTasksClient client = RawClient.connect(process.grpcEndpoint());
        try {
            process.awaitReady(client);
        } catch (RuntimeException e) {
            client.close();
            process.close();
            throw e;
        }
        return new EmulatorFixture(null, process, process.grpcEndpoint(), client);
    }

    public String grpcEndpoint() {
        return grpcEndpoint;
    }

    /** Where the emulator runs, for the table's notes. */
    public String describe() {
        return process != null ? "separate process, " + process.launchedFrom() : "in this JVM";
    }

    /** The JWKS document of the key that signs the emulator's delivery tokens. */
    public String jwksUrl() {
        return inProcess().jwksUrl();
    }

    /** The {@code iss} claim of the emulator's delivery tokens. */
    public String openIdIssuer() {
        return inProcess().openIdIssuer();
    }

    /** An ID token signed with the emulator's delivery key, valid from a minute ago for an hour. */
    public String issueIdToken(String audience, String email) {
        Instant now = Instant.now();
        return inProcess().issueIdToken(audience, email, now.minusSeconds(60), now.plus(Duration.ofHours(1)));
    }

    private CloudTasksEmulator inProcess() {
        if (emulator == null) {
            throw new IllegalStateException("the emulator runs in its own process; its signing key is not here");
        }
        return emulator;
    }

    /** {@code http://host:port} of the REST API, on the gRPC port. */
    public String restUrl() {
        return inProcess().restUrl();
    }

    /** A raw client on its own channel, for the measures whose baseline is the hand-written client. */
    public CloudTasksClient client() {
        return client;
    }

    public void pause(String queueId) {
        client.pauseQueue(Names.queuePath(queueId));
    }

    public void resume(String queueId) {
        client.resumeQueue(Names.queuePath(queueId));
    }

    public void purge(String queueId) {
        client.purgeQueue(Names.queuePath(queueId));
    }

    /** Sets the token bucket; the service caps a queue at 500 dispatches/s and 5,000 concurrent. */
    public void rateLimits(String queueId, double perSecond, int concurrent) {
        client.updateQueue(Queue.newBuilder()
                        .setName(Names.queuePath(queueId))
                        .setRateLimits(RateLimits.newBuilder()
                                .setMaxDispatchesPerSecond(perSecond)
                                .setMaxConcurrentDispatches(concurrent))
                        .build(),
                FieldMask.newBuilder().addPaths("rate_limits").build());
    }

    /**
     * Waits until the queue holds no task, i.e. every delivery has been answered 2xx and completed; answers whether it
     * emptied in time. Lets a loop measure stop Camel only once the emulator has nothing left in flight.
     */
    public boolean awaitEmpty(String queueId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ListTasksRequest firstTask = ListTasksRequest.newBuilder()
                .setParent(Names.queuePath(queueId)).setPageSize(1).build();
        while (client.listTasks(firstTask).getPage().getPageElementCount() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public void close() {
        client.close();
        if (emulator != null) {
            emulator.stop();
        }
        if (process != null) {
            process.close();
        }
    }
}
