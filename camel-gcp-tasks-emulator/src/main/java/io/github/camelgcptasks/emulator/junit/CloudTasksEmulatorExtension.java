package io.github.camelgcptasks.emulator.junit;

import com.google.cloud.tasks.v2.Queue;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link CloudTasksEmulator} per test class, on a free port, and stops it after the class.
 *
 * <pre>{@code
 * @ExtendWith(CloudTasksEmulatorExtension.class)
 * class MyTest {
 *     @Test
 *     void sends(CloudTasksEmulator emulator) { ... emulator.grpcEndpoint() ... }
 * }
 *
 * class MyOtherTest {
 *     @RegisterExtension
 *     static final CloudTasksEmulatorExtension EMULATOR =
 *             CloudTasksEmulatorExtension.withQueues("projects/p/locations/l/queues/q");
 * }
 *
 * class MyRetryTest {
 *     @RegisterExtension
 *     static final CloudTasksEmulatorExtension EMULATOR = new CloudTasksEmulatorExtension(CloudTasksEmulator.builder()
 *             .queuesFile(Path.of("src/test/resources/queues.json"))
 *             .hardResetOnPurgeQueue(true));
 * }
 * }</pre>
 *
 * <p>A builder given to the constructor is used as it is, except that its gRPC port is a free one unless
 * {@link CloudTasksEmulator.Builder#port(int)} was called, and its web console is off unless
 * {@link CloudTasksEmulator.Builder#console(boolean)} was called.
 */
public final class CloudTasksEmulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final CloudTasksEmulator.Builder builder;
    private CloudTasksEmulator emulator;
    private int depth; // nested test classes share the outer class's emulator

    /** Default configuration, no queues; for {@code @ExtendWith}. */
    public CloudTasksEmulatorExtension() {
        this(CloudTasksEmulator.builder());
    }

    public CloudTasksEmulatorExtension(CloudTasksEmulator.Builder builder) {
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    /** An extension whose emulator starts with these queues ({@code projects/P/locations/L/queues/Q}). */
    public static CloudTasksEmulatorExtension withQueues(String... fullQueuePaths) {
        CloudTasksEmulator.Builder builder = CloudTasksEmulator.builder();
        for (String queue : fullQueuePaths) {
            builder.queue(queue);
        }
        return new CloudTasksEmulatorExtension(builder);
    }

    /**
     * An extension whose emulator starts with these queues and their own settings (rate limits, retry
     * configuration; a PAUSED state starts one paused), checked as CreateQueue checks them.
     */
    public static CloudTasksEmulatorExtension withQueues(Queue queue, Queue... moreQueues) {
        CloudTasksEmulator.Builder builder = CloudTasksEmulator.builder().queue(queue);
        for (Queue more : moreQueues) {
            builder.queue(more);
        }
        return new CloudTasksEmulatorExtension(builder);
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        depth++;
        ensureStarted();
    }

    /** Starts the emulator unless it runs; parameter resolution may need it before {@code beforeAll}. */
    private synchronized CloudTasksEmulator ensureStarted() {
        if (emulator == null) {
            if (!builder.hasExplicitPort()) {
                builder.port(0);
            }
            if (!builder.hasExplicitConsole()) {
                builder.console(false); // tests rarely look at it; ask for it with console(true)
            }
            try {
                emulator = builder.build().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the Cloud Tasks emulator", e);
            }
        }
        return emulator;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (--depth > 0) {
            return;
        }
        depth = 0;
        if (emulator != null) {
            emulator.stop();
            emulator = null;
        }
    }

    /** The running emulator; available from {@code @BeforeAll} on. */
    public synchronized CloudTasksEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("The Cloud Tasks emulator runs only while the test class runs");
        }
        return emulator;
    }

    /** {@code host:port} of the running emulator's gRPC service. */
    public String grpcEndpoint() {
        return emulator().grpcEndpoint();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CloudTasksEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // with a per-class test instance the constructor is resolved before beforeAll
        return ensureStarted();
    }
}
