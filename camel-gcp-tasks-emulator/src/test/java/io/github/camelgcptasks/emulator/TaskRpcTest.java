package io.github.camelgcptasks.emulator;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.CreateTaskRequest;
import com.google.cloud.tasks.v2.GetTaskRequest;
import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.ListTasksRequest;
import com.google.cloud.tasks.v2.ListTasksResponse;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.support.EmulatorFixture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelgcptasks.emulator.support.Clients.failure;
import static io.github.camelgcptasks.emulator.support.Clients.httpTask;
import static io.github.camelgcptasks.emulator.support.Clients.queueName;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Task RPCs on a paused queue, so nothing is dispatched while the test looks at the tasks. The target URL is never
 * contacted.
 */
class TaskRpcTest {

    private static final String URL = "http://127.0.0.1:9/never-called";

    @RegisterExtension
    static final EmulatorFixture FIXTURE = new EmulatorFixture(new CloudTasksEmulatorExtension());

    private final CloudTasksClient client = FIXTURE.client();
    private final String queue = FIXTURE.newPausedQueue("tasks");

    private String taskName(String id) {
        return queue + "/tasks/" + id;
    }

    @Test
    void createWithoutNameGeneratesAnId() {
        Task task = client.createTask(queue, httpTask(URL, "hello").build());

        assertThat(task.getName()).startsWith(queue + "/tasks/").matches(".*/tasks/[0-9]{19}");
        assertThat(task.getHttpRequest().getUrl()).isEqualTo(URL);
        assertThat(task.getHttpRequest().getHttpMethod()).isEqualTo(HttpMethod.POST);
        assertThat(task.hasCreateTime()).isTrue();
        assertThat(task.hasScheduleTime()).isTrue();
        assertThat(task.getDispatchDeadline().getSeconds()).isEqualTo(600);
        assertThat(task.getDispatchCount()).isZero();
        assertThat(task.getView()).isEqualTo(Task.View.BASIC);
        assertThat(client.getTask(task.getName()).getName()).isEqualTo(task.getName());
    }

    @Test
    void createWithNameKeepsIt() {
        Task task = client.createTask(queue, httpTask(URL, "x").setName(taskName("my-task_1")).build());

        assertThat(task.getName()).isEqualTo(taskName("my-task_1"));
    }

    @Test
    void basicViewOmitsTheBodyAndFullViewHasIt() {
        Task created = client.createTask(queue, httpTask(URL, "secret body")
                .setName(taskName("viewed"))
                .setHttpRequest(httpTask(URL, "secret body").getHttpRequestBuilder().putHeaders("X-Custom", "v"))
                .build());

        assertThat(created.getHttpRequest().getBody()).isEmpty();
        assertThat(created.getHttpRequest().getHeadersMap()).containsEntry("X-Custom", "v");
        Task basic = client.getTask(created.getName());
        assertThat(basic.getView()).isEqualTo(Task.View.BASIC);
        assertThat(basic.getHttpRequest().getBody()).isEmpty();
        Task full = client.getTask(GetTaskRequest.newBuilder().setName(created.getName())
                .setResponseView(Task.View.FULL).build());
        assertThat(full.getView()).isEqualTo(Task.View.FULL);
        assertThat(full.getHttpRequest().getBody().toStringUtf8()).isEqualTo("secret body");
        Task createdFull = client.createTask(CreateTaskRequest.newBuilder().setParent(queue)
                .setTask(httpTask(URL, "full")).setResponseView(Task.View.FULL).build());
        assertThat(createdFull.getHttpRequest().getBody().toStringUtf8()).isEqualTo("full");
    }

    @Test
    void listTasksPagesThroughAllTasksInBothViews() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(client.createTask(queue, httpTask(URL, "body" + i).setName(taskName("t" + i)).build()).getName());
        }

        List<String> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListTasksResponse page = client.listTasksCallable().call(ListTasksRequest.newBuilder()
                    .setParent(queue).setPageSize(3).setPageToken(token).setResponseView(Task.View.FULL).build());
            assertThat(page.getTasksCount()).isLessThanOrEqualTo(3);
            for (Task task : page.getTasksList()) {
                seen.add(task.getName());
                assertThat(task.getHttpRequest().getBody().toStringUtf8()).startsWith("body");
            }
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty());

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created).doesNotHaveDuplicates();
        List<Task> basic = new ArrayList<>();
        client.listTasks(queue).iterateAll().forEach(basic::add);
        assertThat(basic).hasSize(7).allSatisfy(t -> assertThat(t.getHttpRequest().getBody()).isEmpty());
        var badToken = failure(() -> client.listTasksCallable().call(ListTasksRequest.newBuilder()
                .setParent(queue).setPageToken("%%%").build()));
        assertThat(badToken.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
    }

    @Test
    void pagesFollowNameOrderWhileTasksComeAndGoBetweenThem() {
        for (String id : List.of("t1", "t3", "t5", "t7")) {
            client.createTask(queue, httpTask(URL, id).setName(taskName(id)).build());
        }
        ListTasksResponse first = client.listTasksCallable().call(ListTasksRequest.newBuilder()
                .setParent(queue).setPageSize(2).build());
        assertThat(first.getTasksList()).extracting(Task::getName).containsExactly(taskName("t1"), taskName("t3"));

        for (String id : List.of("t6", "t2", "t4")) {
            client.createTask(queue, httpTask(URL, id).setName(taskName(id)).build());
        }
        client.deleteTask(taskName("t5"));
        List<String> rest = new ArrayList<>();
        String token = first.getNextPageToken();
        while (!token.isEmpty()) {
            ListTasksResponse page = client.listTasksCallable().call(ListTasksRequest.newBuilder()
                    .setParent(queue).setPageSize(2).setPageToken(token).build());
            page.getTasksList().forEach(task -> rest.add(task.getName()));
            token = page.getNextPageToken();
        }

        // t2 sorts before the first page's last name, so a client paging on does not see it
        assertThat(rest).containsExactly(taskName("t4"), taskName("t6"), taskName("t7"));
        List<String> all = new ArrayList<>();
        client.listTasks(queue).iterateAll().forEach(task -> all.add(task.getName()));
        assertThat(all).containsExactly(taskName("t1"), taskName("t2"), taskName("t3"), taskName("t4"),
                taskName("t6"), taskName("t7"));
    }

    @Test
    void aUrlIsCheckedOnEveryCreateNotOnlyTheFirst() {
        client.createTask(queue, httpTask(URL, "x").build());

        for (String bad : List.of("", "ftp://host/x", "http://")) {
            var e = failure(() -> client.createTask(queue, httpTask(bad, "x").build()));
            assertThat(e.getStatusCode().getCode()).as(bad).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
            assertThat(e.getMessage()).as(bad).contains("HttpRequest.url");
            // the URL accepted before is still accepted after a refusal
            client.createTask(queue, httpTask(URL, "x").build());
        }
    }

    @Test
    void creatingALiveNameIsAlreadyExists() {
        Task task = httpTask(URL, "x").setName(taskName("dup")).build();
        client.createTask(queue, task);

        var e = failure(() -> client.createTask(queue, task));

        assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.ALREADY_EXISTS);
        assertThat(e.getMessage()).contains("Requested entity already exists");
    }

    @Test
    void deletedNameIsTombstoned() {
        Task task = httpTask(URL, "x").setName(taskName("gone")).build();
        client.createTask(queue, task);

        client.deleteTask(task.getName());

        var get = failure(() -> client.getTask(task.getName()));
        assertThat(get.getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND);
        assertThat(get.getMessage()).contains("The task no longer exists, though a task with this name existed "
                + "recently. The task either successfully completed or was deleted.");
        var reuse = failure(() -> client.createTask(queue, task));
        assertThat(reuse.getStatusCode().getCode()).isEqualTo(StatusCode.Code.ALREADY_EXISTS);
        var deleteAgain = failure(() -> client.deleteTask(task.getName()));
        assertThat(deleteAgain.getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND);
    }

    @Test
    void unknownTaskAndUnknownQueueAreNotFound() {
        var task = failure(() -> client.getTask(taskName("never")));
        assertThat(task.getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND);
        assertThat(task.getMessage()).doesNotContain("no longer exists");

        var create = failure(() -> client.createTask(queueName("missing"), httpTask(URL, "x").build()));
        assertThat(create.getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND);
        assertThat(create.getMessage()).contains("Queue does not exist. If you just created the queue, wait at least "
                + "a minute for the queue to initialize.");
        var list = failure(() -> client.listTasks(queueName("missing")).iterateAll().iterator().hasNext());
        assertThat(list.getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND);
    }

    @Test
    void invalidTaskIdsAreRefused() {
        for (String id : List.of("has space", "a".repeat(501), "dot.ted")) {
            var e = failure(() -> client.createTask(queue, httpTask(URL, "x").setName(taskName(id)).build()));
            assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("Task ID").contains("500");
        }
        var otherQueue = failure(() -> client.createTask(queue,
                httpTask(URL, "x").setName(queueName("other") + "/tasks/t").build()));
        assertThat(otherQueue.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
    }

    @Test
    void taskOverOneMegabyteIsRefused() {
        byte[] big = new byte[1024 * 1024];

        var e = failure(() -> client.createTask(queue, Task.newBuilder().setHttpRequest(HttpRequest.newBuilder()
                .setUrl(URL).setBody(ByteString.copyFrom(big))).build()));

        assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(e.getMessage()).contains("Task size").contains("1048576");
        // just under the limit is fine
        client.createTask(queue, Task.newBuilder().setHttpRequest(HttpRequest.newBuilder()
                .setUrl(URL).setBody(ByteString.copyFrom(new byte[1000 * 1000]))).build());
    }

    @Test
    void scheduleTimeMoreThanThirtyDaysAheadIsRefused() {
        Instant tooLate = Instant.now().plusSeconds(31L * 24 * 3600);

        var e = failure(() -> client.createTask(queue, httpTask(URL, "x")
                .setScheduleTime(Timestamp.newBuilder().setSeconds(tooLate.getEpochSecond())).build()));

        assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(e.getMessage()).contains("schedule_time").contains("30 days");
        Instant fine = Instant.now().plusSeconds(29L * 24 * 3600);
        Task task = client.createTask(queue, httpTask(URL, "x")
                .setScheduleTime(Timestamp.newBuilder().setSeconds(fine.getEpochSecond())).build());
        assertThat(task.getScheduleTime().getSeconds()).isEqualTo(fine.getEpochSecond());
    }

    @Test
    void dispatchDeadlineOutsideFifteenSecondsToThirtyMinutesIsRefused() {
        for (long seconds : new long[] {14, 1801}) {
            var e = failure(() -> client.createTask(queue, httpTask(URL, "x")
                    .setDispatchDeadline(Duration.newBuilder().setSeconds(seconds)).build()));
            assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("dispatch_deadline").contains("15 seconds").contains("30 minutes");
        }
        for (long seconds : new long[] {15, 1800}) {
            Task task = client.createTask(queue, httpTask(URL, "x")
                    .setDispatchDeadline(Duration.newBuilder().setSeconds(seconds)).build());
            assertThat(task.getDispatchDeadline().getSeconds()).isEqualTo(seconds);
        }
    }

    @Test
    void bodyIsRefusedForMethodsWithoutOne() {
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.DELETE, HttpMethod.OPTIONS)) {
            var e = failure(() -> client.createTask(queue, Task.newBuilder().setHttpRequest(HttpRequest.newBuilder()
                    .setUrl(URL).setHttpMethod(method).setBody(ByteString.copyFromUtf8("b"))).build()));
            assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("body").contains("POST, PUT or PATCH").contains(method.name());
        }
        for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.PATCH)) {
            client.createTask(queue, Task.newBuilder().setHttpRequest(HttpRequest.newBuilder()
                    .setUrl(URL).setHttpMethod(method).setBody(ByteString.copyFromUtf8("b"))).build());
        }
    }

    @Test
    void taskWithoutTargetOrWithBadUrlIsRefused() {
        var none = failure(() -> client.createTask(queue, Task.newBuilder().build()));
        assertThat(none.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        var ftp = failure(() -> client.createTask(queue, httpTask("ftp://example.com/x", "x").build()));
        assertThat(ftp.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(ftp.getMessage()).contains("http://").contains("https://");
    }

    @Test
    void timesAreTruncatedAsTheServiceTruncatesThem() {
        Instant at = Instant.now().plusSeconds(60).with(java.time.temporal.ChronoField.NANO_OF_SECOND, 123_456_789);
        Task task = client.createTask(queue, httpTask(URL, "x")
                .setScheduleTime(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
                .setDispatchDeadline(com.google.protobuf.Duration.newBuilder().setSeconds(20).setNanos(123_456_789))
                .build());

        assertThat(task.getCreateTime().getNanos()).isZero();
        assertThat(task.getScheduleTime()).isEqualTo(Timestamp.newBuilder().setSeconds(at.getEpochSecond())
                .setNanos(123_456_000).build());
        assertThat(task.getDispatchDeadline()).isEqualTo(com.google.protobuf.Duration.newBuilder().setSeconds(20)
                .setNanos(123_000_000).build());
    }

    @Test
    void unsafeUrlCharactersAreEncodedNotRefused() {
        Task task = client.createTask(queue, httpTask("http://example.com/a b/\"c\"?q=ü&ok=%41&bad=%zz", "x").build());

        assertThat(task.getHttpRequest().getUrl())
                .isEqualTo("http://example.com/a%20b/%22c%22?q=%C3%BC&ok=%41&bad=%25zz");
    }

    @Test
    void headersOfEightyKilobytesOrMoreAreRefused() {
        Task.Builder big = httpTask(URL, "x");
        big.getHttpRequestBuilder().putHeaders("X-Big", "v".repeat(80 * 1024 - 5));

        var e = failure(() -> client.createTask(queue, big.build()));

        assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(e.getMessage()).contains("headers").contains("80 KB").contains("81920");
        Task.Builder fits = httpTask(URL, "x");
        fits.getHttpRequestBuilder().putHeaders("X-Big", "v".repeat(80 * 1024 - 6));
        assertThat(client.createTask(queue, fits.build()).getHttpRequest().getHeadersMap()).containsKey("X-Big");
    }

    @Test
    void deleteRemovesTheTask() {
        Task task = client.createTask(queue, httpTask(URL, "x").build());

        client.deleteTask(task.getName());

        assertThat(client.listTasks(queue).iterateAll()).isEmpty();
    }
}
