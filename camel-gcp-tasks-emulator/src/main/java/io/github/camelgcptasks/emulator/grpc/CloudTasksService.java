package io.github.camelgcptasks.emulator.grpc;

import com.google.cloud.tasks.v2.CloudTasksGrpc;
import com.google.cloud.tasks.v2.CreateQueueRequest;
import com.google.cloud.tasks.v2.CreateTaskRequest;
import com.google.cloud.tasks.v2.DeleteQueueRequest;
import com.google.cloud.tasks.v2.DeleteTaskRequest;
import com.google.cloud.tasks.v2.GetQueueRequest;
import com.google.cloud.tasks.v2.GetTaskRequest;
import com.google.cloud.tasks.v2.ListQueuesRequest;
import com.google.cloud.tasks.v2.ListQueuesResponse;
import com.google.cloud.tasks.v2.ListTasksRequest;
import com.google.cloud.tasks.v2.ListTasksResponse;
import com.google.cloud.tasks.v2.PauseQueueRequest;
import com.google.cloud.tasks.v2.PurgeQueueRequest;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.ResumeQueueRequest;
import com.google.cloud.tasks.v2.RunTaskRequest;
import com.google.cloud.tasks.v2.Task;
import com.google.cloud.tasks.v2.UpdateQueueRequest;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.Policy;
import com.google.iam.v1.SetIamPolicyRequest;
import com.google.iam.v1.TestIamPermissionsRequest;
import com.google.iam.v1.TestIamPermissionsResponse;
import com.google.protobuf.Any;
import com.google.protobuf.Empty;
import io.github.camelgcptasks.emulator.dispatch.DispatchEngine;
import io.github.camelgcptasks.emulator.queue.Page;
import io.github.camelgcptasks.emulator.queue.QueueRegistry;
import io.github.camelgcptasks.emulator.queue.ResourceNames;
import io.github.camelgcptasks.emulator.queue.TaskQueue;
import io.github.camelgcptasks.emulator.queue.TaskValidator;
import io.github.camelgcptasks.emulator.queue.TasksException;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code google.cloud.tasks.v2.CloudTasks} gRPC service: maps requests onto the {@link QueueRegistry} and
 * {@link TaskQueue}s and their refusals onto gRPC statuses. IAM methods answer UNIMPLEMENTED.
 */
public final class CloudTasksService extends CloudTasksGrpc.CloudTasksImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(CloudTasksService.class);

    private final QueueRegistry queues;
    private final DispatchEngine dispatch;
    private final TaskValidator validator;
    private final Clock clock;
    private final boolean hardResetOnPurge;

    /**
     * @param hardResetOnPurge whether PurgeQueue also forgets the names of the queue's removed tasks, so tests can
     *                         reuse them at once; the real service keeps them reserved
     */
    public CloudTasksService(QueueRegistry queues, DispatchEngine dispatch, TaskValidator validator, Clock clock,
                             boolean hardResetOnPurge) {
        this.queues = queues;
        this.dispatch = dispatch;
        this.validator = validator;
        this.clock = clock;
        this.hardResetOnPurge = hardResetOnPurge;
    }

    // ---- queues ----

    @Override
    public void listQueues(ListQueuesRequest request, StreamObserver<ListQueuesResponse> response) {
        answer(response, () -> {
            Page<Queue> page = queues.list(request.getParent(), request.getFilter(), request.getPageSize(),
                    request.getPageToken());
            return ListQueuesResponse.newBuilder().addAllQueues(page.items())
                    .setNextPageToken(page.nextPageToken()).build();
        });
    }

    @Override
    public void getQueue(GetQueueRequest request, StreamObserver<Queue> response) {
        answer(response, () -> queues.get(request.getName()).config());
    }

    @Override
    public void createQueue(CreateQueueRequest request, StreamObserver<Queue> response) {
        answer(response, () -> queues.create(request.getParent(), request.getQueue()));
    }

    @Override
    public void updateQueue(UpdateQueueRequest request, StreamObserver<Queue> response) {
        answer(response, () -> queues.update(request.getQueue(),
                request.hasUpdateMask() ? request.getUpdateMask() : null));
    }

    @Override
    public void deleteQueue(DeleteQueueRequest request, StreamObserver<Empty> response) {
        answer(response, () -> {
            queues.delete(request.getName());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void purgeQueue(PurgeQueueRequest request, StreamObserver<Queue> response) {
        answer(response, () -> queues.get(request.getName()).purge(hardResetOnPurge));
    }

    @Override
    public void pauseQueue(PauseQueueRequest request, StreamObserver<Queue> response) {
        answer(response, () -> queues.get(request.getName()).pause());
    }

    @Override
    public void resumeQueue(ResumeQueueRequest request, StreamObserver<Queue> response) {
        answer(response, () -> queues.get(request.getName()).resume());
    }

    // ---- tasks ----

    @Override
    public void listTasks(ListTasksRequest request, StreamObserver<ListTasksResponse> response) {
        answer(response, () -> {
            Page<Task> page = queues.get(request.getParent())
                    .list(request.getPageSize(), request.getPageToken(), view(request.getResponseView()));
            return ListTasksResponse.newBuilder().addAllTasks(page.items())
                    .setNextPageToken(page.nextPageToken()).build();
        });
    }

    @Override
    public void getTask(GetTaskRequest request, StreamObserver<Task> response) {
        answer(response, () -> queueOfTask(request.getName())
                .get(ResourceNames.taskIdOf(request.getName()), view(request.getResponseView())));
    }

    @Override
    public void createTask(CreateTaskRequest request, StreamObserver<Task> response) {
        answer(response, () -> {
            TaskQueue queue = queues.get(request.getParent());
            String name = request.getTask().getName();
            if (name.isEmpty()) {
                String drawnId = TaskQueue.newTaskId();
                Task validated = validator.validateNew(request.getTask(), ResourceNames.taskName(queue.name(), drawnId),
                        clock.instant());
                return queue.createWithDrawnId(drawnId, validated, view(request.getResponseView()));
            }
            String queueOfTask = ResourceNames.queueOfTask(name);
            if (!queueOfTask.equals(queue.name())) {
                throw TasksException.invalidArgument("The queue name from request ('" + request.getParent()
                        + "') must be the same as the queue name in the named task ('" + queueOfTask + "').");
            }
            Task validated = validator.validateNew(request.getTask(), name, clock.instant());
            return queue.create(ResourceNames.taskIdOf(name), validated, view(request.getResponseView()));
        });
    }

    @Override
    public void deleteTask(DeleteTaskRequest request, StreamObserver<Empty> response) {
        answer(response, () -> {
            queueOfTask(request.getName()).delete(ResourceNames.taskIdOf(request.getName()));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void runTask(RunTaskRequest request, StreamObserver<Task> response) {
        answer(response, () -> dispatch.runNow(queueOfTask(request.getName()),
                ResourceNames.taskIdOf(request.getName()), view(request.getResponseView())));
    }

    // ---- IAM ----

    @Override
    public void getIamPolicy(GetIamPolicyRequest request, StreamObserver<Policy> response) {
        unimplemented(response, "GetIamPolicy");
    }

    @Override
    public void setIamPolicy(SetIamPolicyRequest request, StreamObserver<Policy> response) {
        unimplemented(response, "SetIamPolicy");
    }

    @Override
    public void testIamPermissions(TestIamPermissionsRequest request,
                                   StreamObserver<TestIamPermissionsResponse> response) {
        unimplemented(response, "TestIamPermissions");
    }

    // ---- helpers ----

    private TaskQueue queueOfTask(String taskName) {
        return queues.get(ResourceNames.queueOfTask(taskName));
    }

    private static Task.View view(Task.View requested) {
        return requested == Task.View.FULL ? Task.View.FULL : Task.View.BASIC;
    }

    private static <T> void answer(StreamObserver<T> response, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (TasksException e) {
            response.onError(e.details().isEmpty()
                    ? Status.fromCode(e.code()).withDescription(e.getMessage()).asRuntimeException()
                    : StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                            .setCode(e.code().value()).setMessage(e.getMessage())
                            .addAllDetails(e.details().stream().map(Any::pack).toList()).build()));
            return;
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure", e);
            response.onError(Status.INTERNAL.withDescription(String.valueOf(e.getMessage())).withCause(e)
                    .asRuntimeException());
            return;
        }
        response.onNext(result);
        response.onCompleted();
    }

    private static void unimplemented(StreamObserver<?> response, String method) {
        response.onError(Status.UNIMPLEMENTED
                .withDescription(method + " is not supported by the Cloud Tasks emulator: it has no IAM")
                .asRuntimeException());
    }
}
