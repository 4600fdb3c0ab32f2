package io.github.camelgcptasks.emulator.support;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.Queue;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import static io.github.camelgcptasks.emulator.support.Clients.PARENT;
import static io.github.camelgcptasks.emulator.support.Clients.queueName;

/**
 * What most emulator tests need: the emulator of a {@link CloudTasksEmulatorExtension}, one client of it for the test
 * class, and per test a {@link RecordingReceiver} and queues of its own.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmulatorFixture FIXTURE = new EmulatorFixture(new CloudTasksEmulatorExtension());
 *
 * private final CloudTasksClient client = FIXTURE.client();
 * private final RecordingReceiver receiver = FIXTURE.newReceiver();
 * private final String queue = FIXTURE.newQueue("dispatch");
 * }</pre>
 *
 * <p>The fixture runs the emulator's extension it is given around its own work, so the emulator runs before the
 * client connects and until it has closed; {@code CloudTasksEmulator} parameters are injected as by the extension
 * itself. Receivers made during a test are closed after it; queues are numbered per test class
 * ({@code dispatch-1}, {@code dispatch-2}, ...).
 */
public final class EmulatorFixture
        implements BeforeAllCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {

    private final CloudTasksEmulatorExtension emulator;
    private final List<RecordingReceiver> receivers = new ArrayList<>();
    private CloudTasksClient client;
    private int queueCount;

    /** A fixture on the emulator of {@code emulator}; register only the fixture, it runs the extension. */
    public EmulatorFixture(CloudTasksEmulatorExtension emulator) {
        this.emulator = Objects.requireNonNull(emulator, "emulator");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator.beforeAll(context);
        client = Clients.client(emulator.emulator());
        queueCount = 0;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        receivers.forEach(RecordingReceiver::close);
        receivers.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (client != null) {
                client.close();
                client = null;
            }
        } finally {
            emulator.afterAll(context);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator.supportsParameter(parameter, context);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator.resolveParameter(parameter, context);
    }

    /** The running emulator. */
    public CloudTasksEmulator emulator() {
        return emulator.emulator();
    }

    /** The client of this test class. */
    public CloudTasksClient client() {
        if (client == null) {
            throw new IllegalStateException("The client exists only while the test class runs");
        }
        return client;
    }

    /** A receiver for the current test, closed after it. */
    public RecordingReceiver newReceiver() {
        RecordingReceiver receiver = new RecordingReceiver();
        receivers.add(receiver);
        return receiver;
    }

    /** Creates a queue named {@code prefix-N} with the service defaults; answers its full name. */
    public String newQueue(String prefix) {
        return newQueue(prefix, UnaryOperator.identity());
    }

    /** Creates a queue named {@code prefix-N}, configured by {@code settings}; answers its full name. */
    public String newQueue(String prefix, UnaryOperator<Queue.Builder> settings) {
        String name = queueName(prefix + "-" + ++queueCount);
        client().createQueue(PARENT, settings.apply(Queue.newBuilder().setName(name)).build());
        return name;
    }

    /** Creates a paused queue named {@code prefix-N}, where tasks stay until the test resumes it. */
    public String newPausedQueue(String prefix) {
        String name = newQueue(prefix);
        client().pauseQueue(name);
        return name;
    }
}
