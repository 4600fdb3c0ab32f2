package io.github.camelgcptasks.emulator;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.Task;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Help;
import com.google.rpc.LocalizedMessage;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.support.EmulatorFixture;
import io.grpc.Status;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelgcptasks.emulator.support.Clients.PARENT;
import static io.github.camelgcptasks.emulator.support.Clients.failure;
import static io.github.camelgcptasks.emulator.support.Clients.queueName;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 19 error cases recorded from the real service through its official client (the conformance "golden" errors of
 * the Go cloud-tasks-emulator), each with the recorded status code and exact message, and the recorded error details
 * where the service attaches them.
 */
class RecordedErrorsTest {

    private static final String QUEUE_NOT_FOUND =
            "Queue does not exist. If you just created the queue, wait at least a minute for the queue to initialize.";
    private static final String NOT_FOUND = "Requested entity was not found.";

    @RegisterExtension
    static final EmulatorFixture FIXTURE = new EmulatorFixture(new CloudTasksEmulatorExtension());

    private final CloudTasksClient client = FIXTURE.client();

    private static ApiException assertRecorded(ThrowingCallable call, Status.Code code, String message) {
        ApiException e = failure(call);
        Status status = Status.fromThrowable(e);
        assertThat(status.getCode()).isEqualTo(code);
        assertThat(status.getDescription()).isEqualTo(message);
        return e;
    }

    private static Help help(String description, String url) {
        return Help.newBuilder().addLinks(Help.Link.newBuilder().setDescription(description).setUrl(url)).build();
    }

    private static Task httpTask(String name) {
        return Task.newBuilder().setName(name)
                .setHttpRequest(HttpRequest.newBuilder().setUrl("https://example.com/")).build();
    }

    private String createdQueue(String id) {
        return FIXTURE.newQueue(id);
    }

    private String deletedQueue(String id) {
        String queue = createdQueue(id);
        client.deleteQueue(queue);
        return queue;
    }

    // ---- queues ----

    @Test
    void queueCreateAlreadyExists() {
        String queue = createdQueue("exists");
        assertRecorded(() -> client.createQueue(PARENT, Queue.newBuilder().setName(queue).build()),
                Status.Code.ALREADY_EXISTS, "Queue already exists");
    }

    @Test
    void queueCreateInvalidName() {
        ApiException e = assertRecorded(() -> client.createQueue(PARENT,
                        Queue.newBuilder().setName("not-a-valid-queue-name").build()),
                Status.Code.INVALID_ARGUMENT,
                "Queue name must be formatted: \"projects/<PROJECT_ID>/locations/<LOCATION_ID>/queues/<QUEUE_ID>\".");
        assertThat(e.getErrorDetails().getHelp()).isEqualTo(help("Definition of queue name",
                "https://cloud.google.com/tasks/docs/reference/rest/v2/projects.locations.queues#Queue.FIELDS.name"));
    }

    @Test
    void queueCreateInvalidParent() {
        ApiException e = assertRecorded(() -> client.createQueue("not-a-valid-parent",
                        Queue.newBuilder().setName(queueName("parent")).build()),
                Status.Code.PERMISSION_DENIED, "Permission denied on resource project not-a-valid-parent.");
        assertThat(e.getErrorDetails().getErrorInfo()).isEqualTo(ErrorInfo.newBuilder().setReason("CONSUMER_INVALID")
                .setDomain("googleapis.com").putMetadata("consumer", "projects/not-a-valid-parent")
                .putMetadata("containerInfo", "not-a-valid-parent").putMetadata("service", "cloudtasks.googleapis.com")
                .build());
        assertThat(e.getErrorDetails().getLocalizedMessage()).isEqualTo(LocalizedMessage.newBuilder()
                .setLocale("en-US").setMessage("Permission denied on resource project not-a-valid-parent.").build());
        assertThat(e.getErrorDetails().getHelp())
                .isEqualTo(help("Google developers console", "https://console.developers.google.com"));
    }

    @Test
    void queueCreateRecentlyDeleted() {
        String queue = deletedQueue("reborn");
        assertRecorded(() -> client.createQueue(PARENT, Queue.newBuilder().setName(queue).build()),
                Status.Code.FAILED_PRECONDITION,
                "The queue cannot be created because a queue with this name existed too recently.");
    }

    @Test
    void queueDeleteNotFound() {
        assertRecorded(() -> client.deleteQueue(queueName("never-delete")), Status.Code.NOT_FOUND, NOT_FOUND);
    }

    @Test
    void queueGetNotFound() {
        assertRecorded(() -> client.getQueue(queueName("never-get")), Status.Code.NOT_FOUND, QUEUE_NOT_FOUND);
    }

    @Test
    void queueGetRecentlyDeleted() {
        String queue = deletedQueue("gone-get");
        assertRecorded(() -> client.getQueue(queue), Status.Code.NOT_FOUND, QUEUE_NOT_FOUND);
    }

    @Test
    void queuePauseResumePurgeNotFound() {
        String queue = queueName("never-control");
        assertRecorded(() -> client.pauseQueue(queue), Status.Code.NOT_FOUND, QUEUE_NOT_FOUND);
        assertRecorded(() -> client.purgeQueue(queue), Status.Code.NOT_FOUND, QUEUE_NOT_FOUND);
        assertRecorded(() -> client.resumeQueue(queue), Status.Code.NOT_FOUND, QUEUE_NOT_FOUND);
    }

    // ---- tasks ----

    @Test
    void taskCreateAlreadyExists() {
        String queue = createdQueue("task-exists");
        client.createTask(queue, httpTask(queue + "/tasks/twice"));
        assertRecorded(() -> client.createTask(queue, httpTask(queue + "/tasks/twice")),
                Status.Code.ALREADY_EXISTS, "Requested entity already exists");
    }

    @Test
    void taskCreateInvalidName() {
        String queue = createdQueue("task-invalid");
        ApiException e = assertRecorded(() -> client.createTask(queue, httpTask(queue + "/tasks/not a valid id")),
                Status.Code.INVALID_ARGUMENT, "Task ID \"not a valid id\" can contain only letters ([A-Za-z]), "
                        + "numbers ([0-9]), hyphens (-), or underscores (_). Task ID must between 1 and 500 characters.");
        assertThat(e.getErrorDetails().getHelp()).isEqualTo(help("Definition of task ID",
                "https://cloud.google.com/tasks/docs/reference/rest/v2/projects.locations.queues.tasks#Task.FIELDS.name"));
    }

    @Test
    void taskCreateQueueMismatch() {
        String queue = createdQueue("mismatch");
        assertRecorded(() -> client.createTask(queue, httpTask(queue + "-other/tasks/t")),
                Status.Code.INVALID_ARGUMENT, "The queue name from request ('" + queue + "') must be the same as the "
                        + "queue name in the named task ('" + queue + "-other').");
    }

    @Test
    void taskCreateQueueNotFound() {
        String queue = queueName("never-tasks");
        assertRecorded(() -> client.createTask(queue, httpTask(queue + "/tasks/t")),
                Status.Code.NOT_FOUND, QUEUE_NOT_FOUND);
    }

    @Test
    void taskCreateQueueRecentlyDeleted() {
        String queue = deletedQueue("gone-tasks");
        assertRecorded(() -> client.createTask(queue, httpTask(queue + "/tasks/t")),
                Status.Code.NOT_FOUND, QUEUE_NOT_FOUND);
    }

    @Test
    void taskDeleteGetAndRunNotFound() {
        String queue = createdQueue("no-task");
        String task = queue + "/tasks/never";
        assertRecorded(() -> client.deleteTask(task), Status.Code.NOT_FOUND, NOT_FOUND);
        assertRecorded(() -> client.getTask(task), Status.Code.NOT_FOUND, NOT_FOUND);
        assertRecorded(() -> client.runTask(task), Status.Code.NOT_FOUND, NOT_FOUND);
    }

    @Test
    void taskGetRecentlyDeleted() {
        String queue = createdQueue("task-gone");
        client.pauseQueue(queue);
        client.createTask(queue, httpTask(queue + "/tasks/deleted"));
        client.deleteTask(queue + "/tasks/deleted");
        assertRecorded(() -> client.getTask(queue + "/tasks/deleted"), Status.Code.NOT_FOUND,
                "The task no longer exists, though a task with this name existed recently. The task either "
                        + "successfully completed or was deleted.");
    }
}
