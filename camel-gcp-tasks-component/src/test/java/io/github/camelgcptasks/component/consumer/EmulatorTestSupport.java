package io.github.camelgcptasks.component.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.CloudTasksSettings;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.RateLimits;
import com.google.cloud.tasks.v2.RetryConfig;
import com.google.protobuf.Duration;
import io.github.camelgcptasks.component.GcpTasksComponent;
import io.github.camelgcptasks.component.GcpTasksConfiguration;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.grpc.ManagedChannelBuilder;
import org.junit.jupiter.api.AfterEach;

/**
 * End-to-end support: the real Cloud Tasks client and the gcp-tasks component pointed at an emulator that dispatches
 * to this test's platform-http server. Each test uses queues of its own, with retries after 100 to 200 ms.
 */
abstract class EmulatorTestSupport extends ConsumerTestSupport {

    static final String PROJECT = "consumer-it";
    static final String LOCATION = "europe-west1";
    static final String PARENT = "projects/" + PROJECT + "/locations/" + LOCATION;

    private static int queueCount;

    private CloudTasksClient client;

    protected abstract CloudTasksEmulator emulator();

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    protected CloudTasksClient client() {
        if (client == null) {
            try {
                client = CloudTasksClient.create(CloudTasksSettings.newBuilder()
                        .setEndpoint(emulator().grpcEndpoint())
                        .setCredentialsProvider(NoCredentialsProvider.create())
                        .setTransportChannelProvider(InstantiatingGrpcChannelProvider.newBuilder()
                                .setEndpoint(emulator().grpcEndpoint())
                                .setChannelConfigurator(ManagedChannelBuilder::usePlaintext)
                                .build())
                        .build());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return client;
    }

    /** Creates a queue of this test's own that retries quickly and without limit; answers its id. */
    protected String createQueue(String prefix, int maxConcurrentDispatches) {
        return createQueue(prefix, maxConcurrentDispatches, -1);
    }

    /** Creates a queue of this test's own that retries quickly, up to maxAttempts attempts (-1: unlimited). */
    protected String createQueue(String prefix, int maxConcurrentDispatches, int maxAttempts) {
        String id = prefix + "-" + (++queueCount);
        client().createQueue(PARENT, Queue.newBuilder()
                .setName(PARENT + "/queues/" + id)
                .setRetryConfig(RetryConfig.newBuilder()
                        .setMaxAttempts(maxAttempts)
                        .setMinBackoff(Duration.newBuilder().setNanos(100_000_000))
                        .setMaxBackoff(Duration.newBuilder().setNanos(200_000_000))
                        .setMaxDoublings(1))
                .setRateLimits(RateLimits.newBuilder()
                        .setMaxDispatchesPerSecond(500)
                        .setMaxConcurrentDispatches(maxConcurrentDispatches))
                .build());
        return id;
    }

    protected String queuePath(String queueId) {
        return PARENT + "/queues/" + queueId;
    }

    /** Points the component at the emulator; tasks go to this test's platform-http server. */
    protected GcpTasksConfiguration configureComponent() {
        GcpTasksConfiguration configuration
                = context.getComponent("gcp-tasks", GcpTasksComponent.class).getConfiguration();
        configuration.setProjectId(PROJECT);
        configuration.setLocation(LOCATION);
        configuration.setEndpoint(emulator().grpcEndpoint());
        configuration.setAuthenticate(false);
        configuration.setTargetBaseUrl(url(""));
        return configuration;
    }

    /** Whether the task no longer exists: completed or deleted. */
    protected boolean isGone(String taskName) {
        try {
            client().getTask(taskName);
            return false;
        } catch (NotFoundException e) {
            return true;
        }
    }

    protected boolean isEmpty(String queueId) {
        return !client().listTasks(queuePath(queueId)).iterateAll().iterator().hasNext();
    }
}
