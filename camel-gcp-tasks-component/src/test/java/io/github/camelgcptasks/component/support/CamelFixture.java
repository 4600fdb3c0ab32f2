package io.github.camelgcptasks.component.support;

import java.util.List;
import java.util.Objects;

import com.google.cloud.tasks.v2.CloudTasksClient;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture of the producer tests, for one test class: a client of the emulator to read tasks back, a started Camel
 * context whose gcp-tasks component talks to the emulator with a template to send to it, and optionally a
 * {@link RecordingHttpServer} to deliver to. Queues named when it is made are paused before the context starts, so
 * their tasks stay to be read back.
 *
 * <pre>{@code
 * static final CloudTasksEmulatorExtension EMULATOR = CloudTasksEmulatorExtension.withQueues(HELD);
 *
 * @RegisterExtension
 * static final CamelFixture CAMEL = new CamelFixture(EMULATOR, HELD).withReceiver();
 *
 * private final CloudTasksClient client = CAMEL.client();
 * private final ProducerTemplate template = CAMEL.template();
 * }</pre>
 *
 * <p>Only the fixture is registered: it runs the emulator's extension around its own work, so the emulator runs before
 * the client and the context connect and until they have closed. A test that needs the emulator itself keeps the
 * extension in a field of its own, as above.
 */
public final class CamelFixture implements BeforeAllCallback, AfterAllCallback {

    private final CloudTasksEmulatorExtension emulator;
    private final List<String> pausedQueues;
    private boolean withReceiver;

    private RecordingHttpServer receiver;
    private CloudTasksClient client;
    private CamelContext context;
    private ProducerTemplate template;

    /** A fixture on the emulator of {@code emulator} that pauses these queues (full names) first. */
    public CamelFixture(CloudTasksEmulatorExtension emulator, String... pausedQueues) {
        this.emulator = Objects.requireNonNull(emulator, "emulator");
        this.pausedQueues = List.of(pausedQueues);
    }

    /** Also runs a {@link RecordingHttpServer} for the test class. */
    public CamelFixture withReceiver() {
        withReceiver = true;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext extensionContext) throws Exception {
        emulator.beforeAll(extensionContext);
        if (withReceiver) {
            receiver = new RecordingHttpServer();
        }
        client = EmulatorSupport.client(emulator.grpcEndpoint());
        pausedQueues.forEach(client::pauseQueue);
        context = EmulatorSupport.camelContext(emulator.grpcEndpoint());
        template = context.createProducerTemplate();
    }

    @Override
    public void afterAll(ExtensionContext extensionContext) {
        try {
            if (context != null) {
                context.stop();
            }
            if (client != null) {
                client.close();
            }
            if (receiver != null) {
                receiver.close();
            }
        } finally {
            context = null;
            template = null;
            client = null;
            receiver = null;
            emulator.afterAll(extensionContext);
        }
    }

    public RecordingHttpServer receiver() {
        if (!withReceiver) {
            throw new IllegalStateException("This fixture was made without a receiver; call withReceiver()");
        }
        return running(receiver);
    }

    public CloudTasksClient client() {
        return running(client);
    }

    public CamelContext context() {
        return running(context);
    }

    public ProducerTemplate template() {
        return running(template);
    }

    private static <T> T running(T part) {
        if (part == null) {
            throw new IllegalStateException("The fixture exists only while the test class runs");
        }
        return part;
    }
}
