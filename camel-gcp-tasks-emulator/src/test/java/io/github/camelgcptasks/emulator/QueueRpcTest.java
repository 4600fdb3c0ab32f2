package io.github.camelgcptasks.emulator;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.ListQueuesRequest;
import com.google.cloud.tasks.v2.ListQueuesResponse;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.RateLimits;
import com.google.cloud.tasks.v2.RetryConfig;
import com.google.cloud.tasks.v2.StackdriverLoggingConfig;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.protobuf.Duration;
import com.google.protobuf.FieldMask;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.support.Clients;
import io.github.camelgcptasks.emulator.support.EmulatorFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelgcptasks.emulator.support.Clients.PARENT;
import static io.github.camelgcptasks.emulator.support.Clients.failure;
import static io.github.camelgcptasks.emulator.support.Clients.queueName;
import static org.assertj.core.api.Assertions.assertThat;

class QueueRpcTest {

    @RegisterExtension
    static final EmulatorFixture FIXTURE =
            new EmulatorFixture(CloudTasksEmulatorExtension.withQueues(queueName("preconfigured")));

    private final CloudTasksClient client = FIXTURE.client();

    @Test
    void createdQueueHasTheServiceDefaults() {
        Queue queue = client.createQueue(PARENT, Queue.newBuilder().setName(queueName("defaults")).build());

        assertThat(queue.getName()).isEqualTo(queueName("defaults"));
        assertThat(queue.getState()).isEqualTo(Queue.State.RUNNING);
        assertThat(queue.getRateLimits().getMaxDispatchesPerSecond()).isEqualTo(500.0);
        assertThat(queue.getRateLimits().getMaxBurstSize()).isEqualTo(100);
        assertThat(queue.getRateLimits().getMaxConcurrentDispatches()).isEqualTo(1000);
        assertThat(queue.getRetryConfig().getMaxAttempts()).isEqualTo(100);
        assertThat(queue.getRetryConfig().getMinBackoff()).isEqualTo(Duration.newBuilder().setNanos(100_000_000).build());
        assertThat(queue.getRetryConfig().getMaxBackoff()).isEqualTo(Duration.newBuilder().setSeconds(3600).build());
        assertThat(queue.getRetryConfig().getMaxDoublings()).isEqualTo(16);
        assertThat(queue.getRetryConfig().getMaxRetryDuration().getSeconds()).isZero();
        assertThat(client.getQueue(queueName("defaults"))).isEqualTo(queue);
    }

    @Test
    void builderQueuesExistAtStart() {
        assertThat(client.getQueue(queueName("preconfigured")).getState()).isEqualTo(Queue.State.RUNNING);
    }

    @Test
    void createKeepsGivenRetryConfigAndRateLimits() {
        Queue queue = client.createQueue(PARENT, Queue.newBuilder().setName(queueName("configured"))
                .setRateLimits(RateLimits.newBuilder().setMaxDispatchesPerSecond(20).setMaxConcurrentDispatches(7))
                .setRetryConfig(RetryConfig.newBuilder().setMaxAttempts(5).setMaxDoublings(2)
                        .setMinBackoff(Duration.newBuilder().setSeconds(1))
                        .setMaxBackoff(Duration.newBuilder().setSeconds(10)))
                .build());

        assertThat(queue.getRateLimits().getMaxDispatchesPerSecond()).isEqualTo(20.0);
        assertThat(queue.getRateLimits().getMaxConcurrentDispatches()).isEqualTo(7);
        assertThat(queue.getRetryConfig().getMaxAttempts()).isEqualTo(5);
        assertThat(queue.getRetryConfig().getMaxDoublings()).isEqualTo(2);
        assertThat(queue.getRetryConfig().getMinBackoff().getSeconds()).isEqualTo(1);
        assertThat(queue.getRetryConfig().getMaxBackoff().getSeconds()).isEqualTo(10);
    }

    @Test
    void creatingAnExistingQueueIsAlreadyExists() {
        Queue queue = Queue.newBuilder().setName(queueName("twice")).build();
        client.createQueue(PARENT, queue);

        var e = failure(() -> client.createQueue(PARENT, queue));

        assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.ALREADY_EXISTS);
        assertThat(e.getMessage()).endsWith("Queue already exists");
    }

    @Test
    void unknownQueueIsNotFoundWithTheServiceMessage() {
        var e = failure(() -> client.getQueue(queueName("nope")));

        assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND);
        assertThat(e.getMessage()).contains("Queue does not exist. If you just created the queue, wait at least a "
                + "minute for the queue to initialize.");
    }

    @Test
    void invalidQueueIdsAreRefused() {
        for (String id : List.of("under_score", "a".repeat(101), "dot.ted")) {
            var e = failure(() -> client.createQueue(PARENT, Queue.newBuilder().setName(queueName(id)).build()));
            assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("Queue ID").contains("100");
        }
        var outside = failure(() -> client.createQueue(PARENT,
                Queue.newBuilder().setName("projects/other/locations/l/queues/q").build()));
        assertThat(outside.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
    }

    @Test
    void rateLimitsAboveTheServiceLimitsAreRefused() {
        var rate = failure(() -> client.createQueue(PARENT, Queue.newBuilder().setName(queueName("too-fast"))
                .setRateLimits(RateLimits.newBuilder().setMaxDispatchesPerSecond(501)).build()));
        assertThat(rate.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(rate.getMessage()).contains("max_dispatches_per_second").contains("500");

        var concurrent = failure(() -> client.createQueue(PARENT, Queue.newBuilder().setName(queueName("too-wide"))
                .setRateLimits(RateLimits.newBuilder().setMaxConcurrentDispatches(5001)).build()));
        assertThat(concurrent.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(concurrent.getMessage()).contains("max_concurrent_dispatches").contains("5000");
    }

    @Test
    void listQueuesPagesThroughEveryQueueOfTheLocation() {
        String parent = "projects/paging/locations/l";
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = parent + "/queues/q" + i;
            client.createQueue(parent, Queue.newBuilder().setName(name).build());
            created.add(name);
        }
        client.createQueue("projects/paging/locations/other",
                Queue.newBuilder().setName("projects/paging/locations/other/queues/elsewhere").build());

        List<String> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListQueuesResponse page = client.listQueuesCallable().call(ListQueuesRequest.newBuilder()
                    .setParent(parent).setPageSize(2).setPageToken(token).build());
            assertThat(page.getQueuesCount()).isLessThanOrEqualTo(2);
            page.getQueuesList().forEach(q -> seen.add(q.getName()));
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty());

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created);
        // the paged iterator of the client sees the same
        List<String> all = new ArrayList<>();
        client.listQueues(parent).iterateAll().forEach(q -> all.add(q.getName()));
        assertThat(all).containsExactlyElementsOf(created);
    }

    @Test
    void updateQueueChangesOnlyTheMaskedFields() {
        String name = queueName("updated");
        client.createQueue(PARENT, Queue.newBuilder().setName(name).build());

        Queue updated = client.updateQueue(Queue.newBuilder().setName(name)
                        .setRateLimits(RateLimits.newBuilder().setMaxDispatchesPerSecond(10).setMaxConcurrentDispatches(3))
                        .setRetryConfig(RetryConfig.newBuilder().setMaxAttempts(7))
                        .build(),
                FieldMask.newBuilder().addPaths("rate_limits.max_dispatches_per_second")
                        .addPaths("retry_config.max_attempts").build());

        assertThat(updated.getRateLimits().getMaxDispatchesPerSecond()).isEqualTo(10.0);
        assertThat(updated.getRateLimits().getMaxBurstSize()).isEqualTo(2);
        assertThat(updated.getRateLimits().getMaxConcurrentDispatches()).isEqualTo(1000);
        assertThat(updated.getRetryConfig().getMaxAttempts()).isEqualTo(7);
        assertThat(updated.getRetryConfig().getMaxDoublings()).isEqualTo(16);
        assertThat(client.getQueue(name)).isEqualTo(updated);

        var badPath = failure(() -> client.updateQueue(Queue.newBuilder().setName(name).build(),
                FieldMask.newBuilder().addPaths("state").build()));
        assertThat(badPath.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        var tooFast = failure(() -> client.updateQueue(Queue.newBuilder().setName(name)
                        .setRateLimits(RateLimits.newBuilder().setMaxDispatchesPerSecond(1000)).build(),
                FieldMask.newBuilder().addPaths("rate_limits").build()));
        assertThat(tooFast.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
    }

    @Test
    void updateQueueWithoutAMaskLeavesUnsetSettingsAlone() {
        String name = queueName("unmasked");
        client.createQueue(PARENT, Queue.newBuilder().setName(name)
                .setRetryConfig(RetryConfig.newBuilder().setMaxAttempts(4)).build());

        Queue updated = client.updateQueue(Queue.newBuilder().setName(name)
                .setRateLimits(RateLimits.newBuilder().setMaxDispatchesPerSecond(20)).build(),
                FieldMask.getDefaultInstance());

        assertThat(updated.getRateLimits().getMaxDispatchesPerSecond()).isEqualTo(20.0);
        assertThat(updated.getRetryConfig().getMaxAttempts()).isEqualTo(4);
    }

    @Test
    void samplingRatioOutsideZeroToOneIsRefused() {
        var e = failure(() -> client.createQueue(PARENT, Queue.newBuilder().setName(queueName("sampled"))
                .setStackdriverLoggingConfig(StackdriverLoggingConfig.newBuilder().setSamplingRatio(1.5)).build()));

        assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(e.getMessage()).contains("sampling_ratio").contains("0.0").contains("1.0").contains("1.5");
        assertThat(client.createQueue(PARENT, Queue.newBuilder().setName(queueName("sampled"))
                .setStackdriverLoggingConfig(StackdriverLoggingConfig.newBuilder().setSamplingRatio(1)).build())
                .getStackdriverLoggingConfig().getSamplingRatio()).isEqualTo(1.0);
    }

    @Test
    void listQueuesFilters() {
        String parent = "projects/filtered/locations/here";
        for (String id : List.of("running", "paused", "slow")) {
            client.createQueue(parent, Queue.newBuilder().setName(parent + "/queues/" + id).build());
        }
        client.pauseQueue(parent + "/queues/paused");
        client.updateQueue(Queue.newBuilder().setName(parent + "/queues/slow")
                .setRateLimits(RateLimits.newBuilder().setMaxDispatchesPerSecond(2)).build(),
                FieldMask.newBuilder().addPaths("rate_limits.max_dispatches_per_second").build());

        assertThat(ids(parent, "state: PAUSED")).containsExactly("paused");
        assertThat(ids(parent, "state = RUNNING")).containsExactly("running", "slow");
        assertThat(ids(parent, "state != PAUSED AND rate_limits.max_dispatches_per_second < 10"))
                .containsExactly("slow");
        assertThat(ids(parent, "name: \"run\" OR name: \"paus\"")).containsExactly("paused", "running");
        assertThat(ids(parent, "")).containsExactly("paused", "running", "slow");
        var unknown = failure(() -> ids(parent, "colour = red"));
        assertThat(unknown.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(unknown.getMessage()).contains("colour");
        var badState = failure(() -> ids(parent, "state: SLEEPING"));
        assertThat(badState.getMessage()).contains("SLEEPING").contains("state");
    }

    private List<String> ids(String parent, String filter) {
        List<String> ids = new ArrayList<>();
        client.listQueues(ListQueuesRequest.newBuilder().setParent(parent).setFilter(filter).build()).iterateAll()
                .forEach(q -> ids.add(q.getName().substring(q.getName().lastIndexOf('/') + 1)));
        return ids;
    }

    @Test
    void deletedQueueNameCanBeReusedAtOnceWhenAllowed() throws Exception {
        try (CloudTasksEmulator emulator = CloudTasksEmulator.builder().port(0).allowQueueNameReuse(true).build()
                .start(); CloudTasksClient other = Clients.client(emulator)) {
            Queue queue = Queue.newBuilder().setName(queueName("reused")).build();
            other.createQueue(PARENT, queue);
            other.deleteQueue(queue.getName());

            assertThat(other.createQueue(PARENT, queue).getState()).isEqualTo(Queue.State.RUNNING);
        }
    }

    @Test
    void updateQueueCreatesAMissingQueue() {
        Queue queue = client.updateQueue(Queue.newBuilder().setName(queueName("upserted"))
                .setRetryConfig(RetryConfig.newBuilder().setMaxAttempts(3)).build(), FieldMask.getDefaultInstance());

        assertThat(queue.getRetryConfig().getMaxAttempts()).isEqualTo(3);
        assertThat(client.getQueue(queueName("upserted")).getState()).isEqualTo(Queue.State.RUNNING);
    }

    @Test
    void pauseResumeAndPurgeChangeTheQueueState() {
        String name = queueName("states");
        client.createQueue(PARENT, Queue.newBuilder().setName(name).build());

        assertThat(client.pauseQueue(name).getState()).isEqualTo(Queue.State.PAUSED);
        assertThat(client.getQueue(name).getState()).isEqualTo(Queue.State.PAUSED);
        assertThat(client.resumeQueue(name).getState()).isEqualTo(Queue.State.RUNNING);
        assertThat(client.purgeQueue(name).hasPurgeTime()).isTrue();
    }

    @Test
    void deleteQueueRemovesIt() {
        String name = queueName("deleted");
        client.createQueue(PARENT, Queue.newBuilder().setName(name).build());

        client.deleteQueue(name);

        assertThat(failure(() -> client.getQueue(name)).getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND);
        assertThat(failure(() -> client.deleteQueue(name)).getStatusCode().getCode())
                .isEqualTo(StatusCode.Code.NOT_FOUND);
    }

    @Test
    void iamMethodsAreUnimplemented() {
        var e = failure(() -> client.getIamPolicy(GetIamPolicyRequest.newBuilder()
                .setResource(queueName("preconfigured")).build()));

        assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.UNIMPLEMENTED);
    }
}
