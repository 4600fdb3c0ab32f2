package io.github.camelgcptasks.emulator.console;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutures;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.CreateTaskRequest;
import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.OAuthToken;
import com.google.cloud.tasks.v2.OidcToken;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.RateLimits;
import com.google.cloud.tasks.v2.RetryConfig;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.ByteString;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.support.ConsoleBrowser;
import io.github.camelgcptasks.emulator.support.EmulatorFixture;
import io.github.camelgcptasks.emulator.support.RecordingReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static io.github.camelgcptasks.emulator.support.Clients.failure;
import static io.github.camelgcptasks.emulator.support.Clients.httpTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web console in a real browser: queues and tasks made through the Java client show on the page, and what the
 * page's buttons do is seen through the client.
 */
class ConsolePageTest {

    @RegisterExtension
    static final EmulatorFixture FIXTURE = new EmulatorFixture(
            new CloudTasksEmulatorExtension(CloudTasksEmulator.builder().console(true)));

    @RegisterExtension
    static final ConsoleBrowser BROWSER = new ConsoleBrowser();

    private static final Duration PAGE_WAIT = Duration.ofSeconds(15);

    private final CloudTasksClient client = FIXTURE.client();
    private final RecordingReceiver receiver = FIXTURE.newReceiver();
    private final WebDriver page = BROWSER.driver();

    // ---- reading and driving the page ----

    /** Loads the page afresh, as a new visitor would, at {@code fragment}. */
    private void open(String fragment) {
        page.get("about:blank");
        page.get(FIXTURE.emulator().consoleUrl() + fragment);
    }

    private WebElement find(String css) {
        return page.findElement(By.cssSelector(css));
    }

    private List<WebElement> findAll(String css) {
        return page.findElements(By.cssSelector(css));
    }

    private String text(String css) {
        return find(css).getText();
    }

    /** Waits until the page shows {@code expected} in the element, across the page's refreshes. */
    private void awaitText(String css, String expected) {
        await().atMost(PAGE_WAIT).ignoreExceptions().untilAsserted(() -> assertThat(text(css)).isEqualTo(expected));
    }

    private static String row(String name) {
        return "tr[data-name='" + name + "']";
    }

    private void click(String css) {
        await().atMost(PAGE_WAIT).ignoreExceptions().until(() -> {
            find(css).click();
            return true;
        });
    }

    private void accept() {
        await().atMost(PAGE_WAIT).ignoreExceptions().until(() -> {
            page.switchTo().alert().accept();
            return true;
        });
    }

    private void dismiss() {
        await().atMost(PAGE_WAIT).ignoreExceptions().until(() -> {
            page.switchTo().alert().dismiss();
            return true;
        });
    }

    private Object script(String js) {
        return ((JavascriptExecutor) page).executeScript(js);
    }

    /** Waits for two more refreshes of the page, so what it shows has been re-read from the emulator. */
    private void awaitRefreshes() {
        long seen = Long.parseLong(String.valueOf(script("return document.body.dataset.refreshed || '0'")));
        await().atMost(PAGE_WAIT).until(() -> Long.parseLong(String.valueOf(
                script("return document.body.dataset.refreshed || '0'"))) > seen + 1500);
    }

    private List<Task> tasks(String queue) {
        return StreamSupport.stream(client.listTasks(queue).iterateAll().spliterator(), false).toList();
    }

    // ---- tests ----

    @Test
    void queuesShowStateLimitsRetriesAndCounts() {
        String paused = FIXTURE.newQueue("shown", q -> q
                .setRateLimits(RateLimits.newBuilder().setMaxDispatchesPerSecond(7).setMaxConcurrentDispatches(3))
                .setRetryConfig(RetryConfig.newBuilder().setMaxAttempts(5)
                        .setMinBackoff(com.google.protobuf.Duration.newBuilder().setSeconds(2))
                        .setMaxBackoff(com.google.protobuf.Duration.newBuilder().setSeconds(60))
                        .setMaxDoublings(3)));
        client.pauseQueue(paused);
        for (int i = 0; i < 3; i++) {
            client.createTask(paused, httpTask(receiver.url("/wait"), "x").build());
        }
        String busy = FIXTURE.newQueue("busy");
        receiver.delay(Duration.ofSeconds(3));
        client.createTask(busy, httpTask(receiver.url("/slow"), "x").build());

        open("");

        awaitText(row(paused) + " .state", "PAUSED");
        assertThat(text(row(paused) + " .name")).isEqualTo(paused.substring(paused.lastIndexOf('/') + 1));
        assertThat(text(row(paused) + " .rate")).isEqualTo("7/s, burst 2, 3 concurrent");
        assertThat(text(row(paused) + " .retry"))
                .isEqualTo("5 attempts, backoff 2 s to 60 s, 3 doublings, no time limit");
        assertThat(text(row(paused) + " .waiting")).isEqualTo("3");
        assertThat(text(row(paused) + " .in-flight")).isEqualTo("0");
        assertThat(text(row(paused) + " .next")).matches("now|\\d+ s ago");
        assertThat(text(row(paused) + " button.toggle")).isEqualTo("Resume");
        // the slow delivery is in flight, then answered within the last minute
        awaitText(row(busy) + " .in-flight", "1");
        assertThat(text(row(busy) + " .state")).isEqualTo("RUNNING");
        awaitText(row(busy) + " .last-minute", "1");
        assertThat(text(row(busy) + " .in-flight")).isEqualTo("0");
        assertThat(text(row(busy) + " .waiting")).isEqualTo("0");
    }

    @Test
    void pauseAndResumeButtonsChangeTheQueue() {
        String queue = FIXTURE.newQueue("toggled");
        open("");

        awaitText(row(queue) + " button.toggle", "Pause");
        click(row(queue) + " button.toggle");

        await().atMost(PAGE_WAIT).until(() -> client.getQueue(queue).getState() == Queue.State.PAUSED);
        awaitText(row(queue) + " .state", "PAUSED");
        awaitText(row(queue) + " button.toggle", "Resume");
        click(row(queue) + " button.toggle");
        await().atMost(PAGE_WAIT).until(() -> client.getQueue(queue).getState() == Queue.State.RUNNING);
        awaitText(row(queue) + " .state", "RUNNING");
    }

    @Test
    void runButtonDispatchesAPausedQueuesTask() {
        String queue = FIXTURE.newPausedQueue("run");
        receiver.thenAnswer(503);
        Task task = client.createTask(queue, httpTask(receiver.url("/run"), "x")
                .setName(queue + "/tasks/run-me").build());
        open("#/queues/" + queue);
        awaitText(row(task.getName()) + " .dispatches", "0");
        assertThat(text(row(task.getName()) + " .last-status")).isEqualTo("not attempted yet");

        click(row(task.getName()) + " button.run");

        await().atMost(PAGE_WAIT).until(() -> receiver.count() == 1);
        await().atMost(PAGE_WAIT).untilAsserted(() -> {
            Task seen = client.getTask(task.getName());
            assertThat(seen.getDispatchCount()).isEqualTo(1);
            assertThat(seen.getLastAttempt().getResponseStatus().getMessage())
                    .isEqualTo("UNAVAILABLE(14): HTTP status code 503");
        });
        awaitText(row(task.getName()) + " .dispatches", "1");
        awaitText(row(task.getName()) + " .last-status", "UNAVAILABLE(14): HTTP status code 503");
        assertThat(text(row(task.getName()) + " .responses")).isEqualTo("1");
        assertThat(text(row(task.getName()) + " .last-time")).isNotEmpty();
    }

    @Test
    void scriptInBodyAndHeadersShowsAsText() {
        String queue = FIXTURE.newPausedQueue("escape");
        String body = "<script>window.injected = 'body'</script>";
        String header = "<img src=x onerror=\"window.injected = 'header'\">";
        Task task = client.createTask(queue, httpTask(receiver.url("/escape"), body)
                .setName(queue + "/tasks/escaped")
                .setHttpRequest(httpTask(receiver.url("/escape"), body).getHttpRequest().toBuilder()
                        .putHeaders("X-Note", header))
                .build());

        open("#/tasks/" + task.getName());

        awaitText("#task-body", body);
        assertThat(findAll("#task-headers tbody tr")).anySatisfy(tr -> {
            assertThat(tr.findElement(By.cssSelector(".header-name")).getText()).isEqualTo("X-Note");
            assertThat(tr.findElement(By.cssSelector(".header-value")).getText()).isEqualTo(header);
        });
        assertThat(findAll("main script, main img")).isEmpty();
        assertThat(script("return window.injected === undefined")).isEqualTo(true);
        open("#/queues/" + queue);
        awaitText(row(task.getName()) + " .name", "escaped");
        assertThat(script("return window.injected === undefined")).isEqualTo(true);
    }

    @Test
    void taskViewShowsRequestAuthorizationAndBody() {
        String queue = FIXTURE.newPausedQueue("detail");
        byte[] binary = {0, 1, 2, (byte) 0xff, 'A'};
        Task task = client.createTask(queue, Task.newBuilder()
                .setName(queue + "/tasks/detailed")
                .setHttpRequest(com.google.cloud.tasks.v2.HttpRequest.newBuilder()
                        .setUrl(receiver.url("/detail"))
                        .setHttpMethod(HttpMethod.PUT)
                        .putHeaders("Content-Type", "application/octet-stream")
                        .setBody(ByteString.copyFrom(binary))
                        .setOidcToken(OidcToken.newBuilder().setServiceAccountEmail("sender@p.iam.gserviceaccount.com")
                                .setAudience("https://handler.example")))
                .build());

        open("#/tasks/" + task.getName());

        awaitText("#task-url", receiver.url("/detail"));
        assertThat(text("#task-method")).isEqualTo("PUT");
        assertThat(text("#task-auth"))
                .isEqualTo("OIDC token for sender@p.iam.gserviceaccount.com, audience https://handler.example");
        assertThat(text("#task-body-size")).isEqualTo("5 bytes");
        // not UTF-8 text, so shown as hex first
        assertThat(text("#task-body")).isEqualTo("00000000  00 01 02 ff 41" + " ".repeat(33) + "  ....A");
        assertThat(text("#task-dispatches")).isEqualTo("0");
        assertThat(text("#attempts-note")).isEqualTo("Not attempted yet.");
        assertThat(find("#body-hex").getAttribute("aria-pressed")).isEqualTo("true");
        click("#body-text");
        await().atMost(PAGE_WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(find("#body-text").getAttribute("aria-pressed")).isEqualTo("true");
            assertThat(text("#task-body")).endsWith("\uFFFDA");
        });

        Task oauth = client.createTask(queue, httpTask(receiver.url("/oauth"), "")
                .setName(queue + "/tasks/oauth")
                .setHttpRequest(httpTask(receiver.url("/oauth"), "").getHttpRequest().toBuilder()
                        .setOauthToken(OAuthToken.newBuilder().setServiceAccountEmail("api@p.iam.gserviceaccount.com")
                                .setScope("https://www.googleapis.com/auth/bigquery")))
                .build());
        open("#/tasks/" + oauth.getName());
        awaitText("#task-auth",
                "OAuth token for api@p.iam.gserviceaccount.com, scope https://www.googleapis.com/auth/bigquery");
        assertThat(text("#task-body-size")).isEqualTo("0 bytes (no body)");
    }

    @Test
    void taskViewListsEveryAttempt() {
        String queue = FIXTURE.newQueue("attempts", q -> q.setRetryConfig(RetryConfig.newBuilder()
                .setMaxAttempts(-1)
                .setMinBackoff(com.google.protobuf.Duration.newBuilder().setNanos(300_000_000))
                .setMaxBackoff(com.google.protobuf.Duration.newBuilder().setNanos(300_000_000))));
        receiver.thenAnswer(500, 404, 500);
        receiver.delay(r -> receiver.count() > 3 ? Duration.ofSeconds(30) : Duration.ZERO);
        Task task = client.createTask(queue, httpTask(receiver.url("/attempts"), "x")
                .setName(queue + "/tasks/retried").build());
        await().atMost(PAGE_WAIT).until(() -> receiver.count() == 4);

        open("#/tasks/" + task.getName());

        await().atMost(PAGE_WAIT).ignoreExceptions().untilAsserted(() -> assertThat(
                findAll("#task-attempts tbody tr .attempt-status")).extracting(WebElement::getText)
                .containsExactly("INTERNAL(13): HTTP status code 500", "NOT_FOUND(5): HTTP status code 404",
                        "INTERNAL(13): HTTP status code 500", "in flight"));
        List<WebElement> first = findAll("#task-attempts tbody tr:first-child td");
        assertThat(first.get(0).getText()).isEqualTo("1");
        assertThat(first.get(2).getText()).as("dispatch time").isNotEmpty();
        assertThat(first.get(3).getText()).as("response time").isNotEmpty();
        assertThat(text("#task-dispatches")).isEqualTo("4");
        assertThat(text("#task-responses")).isEqualTo("3");
    }

    @Test
    void purgeAsksFirstAndDeletesEveryTask() {
        String queue = FIXTURE.newPausedQueue("purge");
        client.createTask(queue, httpTask(receiver.url("/p"), "x").build());
        client.createTask(queue, httpTask(receiver.url("/p"), "x").build());
        open("#/queues/" + queue);
        awaitText("#page-info", "tasks 1–2 of 2");

        click("#queue-purge");
        dismiss();
        awaitRefreshes();
        assertThat(tasks(queue)).hasSize(2);

        click("#queue-purge");
        accept();
        await().atMost(PAGE_WAIT).until(() -> tasks(queue).isEmpty());
        awaitText("#no-tasks", "The queue has no tasks.");
    }

    @Test
    void deleteButtonsAskFirstAndDeleteTheTaskAndTheQueue() {
        String queue = FIXTURE.newPausedQueue("delete");
        Task task = client.createTask(queue, httpTask(receiver.url("/d"), "x")
                .setName(queue + "/tasks/doomed").build());
        open("#/tasks/" + task.getName());
        awaitText("#task-url", receiver.url("/d"));

        click("#task-delete");
        accept();

        await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(failure(() -> client.getTask(task.getName()))
                .getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND));
        awaitText("#queue-title", "delete-" + queue.substring(queue.lastIndexOf('-') + 1));
        click("#queue-delete");
        accept();
        await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(failure(() -> client.getQueue(queue))
                .getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND));
        await().atMost(PAGE_WAIT).until(() -> page.getCurrentUrl().endsWith("#/"));
    }

    @Test
    void createsATestTaskFromTheForm() {
        String queue = FIXTURE.newPausedQueue("form");
        open("#/queues/" + queue);
        awaitText("#queue-state", "PAUSED");

        click("#create-task summary");
        find("#create-task-form [name=id]").sendKeys("from-the-form");
        find("#create-task-form [name=url]").sendKeys(receiver.url("/form"));
        new Select(find("#create-task-form [name=method]")).selectByVisibleText("PUT");
        find("#create-task-form [name=headers]").sendKeys("Content-Type: text/plain\nX-Test: yes");
        find("#create-task-form [name=body]").sendKeys("hello ünïcode");
        click("#create-task-form button[type=submit]");

        await().atMost(PAGE_WAIT).until(() -> tasks(queue).size() == 1);
        Task created = client.getTask(com.google.cloud.tasks.v2.GetTaskRequest.newBuilder()
                .setName(queue + "/tasks/from-the-form").setResponseView(Task.View.FULL).build());
        assertThat(created.getHttpRequest().getUrl()).isEqualTo(receiver.url("/form"));
        assertThat(created.getHttpRequest().getHttpMethod()).isEqualTo(HttpMethod.PUT);
        assertThat(created.getHttpRequest().getHeadersMap()).containsEntry("X-Test", "yes")
                .containsEntry("Content-Type", "text/plain");
        assertThat(created.getHttpRequest().getBody().toString(StandardCharsets.UTF_8)).isEqualTo("hello ünïcode");
        awaitText(row(created.getName()) + " .name", "from-the-form");
    }

    @Test
    void tenThousandTasksPageAndFilterAndRefreshKeepsThePlace() throws Exception {
        String queue = FIXTURE.newPausedQueue("big");
        List<ApiFuture<Task>> pending = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            pending.add(client.createTaskCallable().futureCall(CreateTaskRequest.newBuilder().setParent(queue)
                    .setTask(httpTask(receiver.url("/big"), "x").setName(queue + "/tasks/bulk-%05d".formatted(i)))
                    .build()));
            if (pending.size() == 500) {
                ApiFutures.allAsList(pending).get();
                pending.clear();
            }
        }
        ApiFutures.allAsList(pending).get();

        open("#/queues/" + queue);

        awaitText("#page-info", "tasks 1–100 of 10000");
        assertThat(findAll("#tasks tbody tr")).hasSize(100);
        assertThat(text("#tasks tbody tr:first-child .name")).isEqualTo("bulk-00000");
        click("#next-page");
        awaitText("#page-info", "tasks 101–200 of 10000");
        assertThat(text("#tasks tbody tr:first-child .name")).isEqualTo("bulk-00100");

        // the page stays where the user left it while it refreshes: page, scroll position, filter
        script("window.scrollTo(0, 1500)");
        long scrolled = ((Number) script("return window.scrollY")).longValue();
        awaitRefreshes();
        assertThat(text("#page-info")).isEqualTo("tasks 101–200 of 10000");
        assertThat(((Number) script("return window.scrollY")).longValue()).isEqualTo(scrolled).isPositive();

        find("#task-filter").sendKeys("bulk-0424");
        awaitText("#page-info", "tasks 1–10 of 10 matching");
        assertThat(findAll("#tasks tbody tr .name")).extracting(WebElement::getText)
                .containsExactly("bulk-04240", "bulk-04241", "bulk-04242", "bulk-04243", "bulk-04244", "bulk-04245",
                        "bulk-04246", "bulk-04247", "bulk-04248", "bulk-04249");
        client.createTask(queue, httpTask(receiver.url("/big"), "x").setName(queue + "/tasks/bulk-04249-new").build());
        awaitText("#page-info", "tasks 1–11 of 11 matching");
        assertThat(find("#task-filter").getAttribute("value")).isEqualTo("bulk-0424");
        assertThat(text("#tasks tbody tr:nth-child(11) .name")).isEqualTo("bulk-04249-new");
    }

    @Test
    void openTaskStaysOpenWhileItRefreshesAndSaysWhenItIsGone() {
        String queue = FIXTURE.newPausedQueue("gone");
        Task task = client.createTask(queue, httpTask(receiver.url("/gone"), "x")
                .setName(queue + "/tasks/leaving").build());
        open("#/tasks/" + task.getName());
        awaitText("#task-url", receiver.url("/gone"));

        client.runTask(task.getName());

        awaitText("#task-gone", "The task no longer exists, though a task with this name existed recently. "
                + "The task either successfully completed or was deleted.");
        assertThat(page.getCurrentUrl()).endsWith("#/tasks/" + task.getName());
        assertThat(text("#task-url")).isEqualTo(receiver.url("/gone"));
        assertThat(find("#task-run").isEnabled()).isFalse();
    }
}
