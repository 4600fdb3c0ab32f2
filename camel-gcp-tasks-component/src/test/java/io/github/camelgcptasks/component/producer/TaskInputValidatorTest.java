package io.github.camelgcptasks.component.producer;

import java.time.Duration;
import java.time.Instant;

import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.QueueName;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.ByteString;
import io.github.camelgcptasks.component.CloudTasksLimits;
import io.github.camelgcptasks.component.GcpTasksInvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskInputValidatorTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private static Task task(HttpRequest.Builder http) {
        return Task.newBuilder().setHttpRequest(http).build();
    }

    @Test
    void scheduleAtMostThirtyDaysAhead() {
        assertThatCode(() -> TaskInputValidator.checkScheduleTime(NOW.plus(Duration.ofDays(30)), NOW, "h"))
                .doesNotThrowAnyException();
        assertThatCode(() -> TaskInputValidator.checkScheduleTime(NOW.minusSeconds(60), NOW, "h"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> TaskInputValidator.checkScheduleTime(NOW.plus(Duration.ofDays(31)), NOW, "header X"))
                .isInstanceOf(GcpTasksInvalidInputException.class)
                .hasMessage("scheduleTime 2030-02-01T00:00:00Z (from header X) is 31d ahead, more than Cloud Tasks'"
                            + " limit of 30 days ahead")
                .extracting(e -> ((GcpTasksInvalidInputException) e).getField()).isEqualTo("scheduleTime");
        assertThatThrownBy(() -> TaskInputValidator.checkScheduleDelay(Duration.ofDays(30).plusSeconds(1)))
                .hasMessage("scheduleDelay 30d1s is more than Cloud Tasks' limit of 30 days ahead");
    }

    @Test
    void dispatchDeadlineFrom15SecondsTo30Minutes() {
        assertThatCode(() -> TaskInputValidator.checkDispatchDeadline(Duration.ofSeconds(15), "o"))
                .doesNotThrowAnyException();
        assertThatCode(() -> TaskInputValidator.checkDispatchDeadline(Duration.ofMinutes(30), "o"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> TaskInputValidator.checkDispatchDeadline(Duration.ofSeconds(5), "option dispatchDeadline"))
                .isInstanceOf(GcpTasksInvalidInputException.class)
                .hasMessage("dispatchDeadline 5s (from option dispatchDeadline) is outside Cloud Tasks' range of 15s to 30m");
        assertThatThrownBy(() -> TaskInputValidator.checkDispatchDeadline(Duration.ofMinutes(31), "o"))
                .hasMessageContaining("dispatchDeadline 31m");
    }

    @Test
    void bodyOnlyWithPostPutPatch() {
        for (HttpMethod method : new HttpMethod[] { HttpMethod.GET, HttpMethod.HEAD, HttpMethod.DELETE, HttpMethod.OPTIONS }) {
            assertThatThrownBy(() -> TaskInputValidator.checkTask(task(HttpRequest.newBuilder().setUrl("http://h/")
                    .setHttpMethod(method).setBody(ByteString.copyFromUtf8("x")))))
                    .isInstanceOf(GcpTasksInvalidInputException.class)
                    .hasMessageContaining("httpMethod " + method).hasMessageContaining("POST, PUT or PATCH");
            assertThatCode(() -> TaskInputValidator.checkTask(task(HttpRequest.newBuilder().setUrl("http://h/")
                    .setHttpMethod(method)))).doesNotThrowAnyException();
        }
    }

    @Test
    void reservedHeadersAreRefused() {
        for (String name : new String[] { "X-CloudTasks-TaskName", "x-google-foo", "X-AppEngine-Country", "Host",
                "Content-Length", "User-Agent" }) {
            assertThatThrownBy(() -> TaskInputValidator.checkTask(task(HttpRequest.newBuilder().setUrl("http://h/")
                    .putHeaders(name, "v"))))
                    .isInstanceOf(GcpTasksInvalidInputException.class)
                    .hasMessageStartingWith("header " + name + " is reserved by Cloud Tasks");
        }
        assertThatThrownBy(() -> TaskInputValidator.checkTask(task(HttpRequest.newBuilder().setUrl("http://h/")
                .putHeaders("Authorization", "Bearer x").setOidcToken(
                        com.google.cloud.tasks.v2.OidcToken.newBuilder().setServiceAccountEmail("a@b")))))
                .hasMessageContaining("Authorization");
        assertThatThrownBy(() -> TaskInputValidator.checkTask(task(HttpRequest.newBuilder().setUrl("http://h/")
                .putHeaders("bad name", "v"))))
                .hasMessageContaining("not a valid HTTP header name");
        assertThatThrownBy(() -> TaskInputValidator.checkTask(task(HttpRequest.newBuilder().setUrl("http://h/")
                .putHeaders("X-Big", "v".repeat(80 * 1024)))))
                .hasMessageContaining("80 KB");
    }

    @Test
    void taskSizeCountsTheEncodedTask() {
        int limit = CloudTasksLimits.MAX_TASK_SIZE_BYTES;
        HttpRequest.Builder fits = HttpRequest.newBuilder().setUrl("http://h/").setBody(ByteString.copyFrom(new byte[limit - 100]));
        assertThatCode(() -> TaskInputValidator.checkTask(task(fits))).doesNotThrowAnyException();
        // the body alone is below 1 MB, but body, URL and headers together are not
        HttpRequest.Builder over = HttpRequest.newBuilder().setUrl("http://h/" + "u".repeat(50))
                .putHeaders("X-A", "v".repeat(60))
                .setBody(ByteString.copyFrom(new byte[limit - 100]));
        assertThatThrownBy(() -> TaskInputValidator.checkTask(task(over)))
                .isInstanceOf(GcpTasksInvalidInputException.class)
                .hasMessageContaining("limit of 1048576 bytes (1 MB)")
                .extracting(e -> ((GcpTasksInvalidInputException) e).getField()).isEqualTo("task");
    }

    @Test
    void urlMustBeHttp() {
        assertThatThrownBy(() -> TaskInputValidator.checkTask(task(HttpRequest.newBuilder().setUrl("ftp://h/"))))
                .hasMessageContaining("must start with http:// or https://");
        assertThatThrownBy(() -> TaskInputValidator.checkTask(task(HttpRequest.newBuilder()
                .setUrl("https://h/" + "a".repeat(2100))))).hasMessageContaining("limit of 2083 characters");
    }

    @Test
    void taskIds() {
        QueueName queue = QueueName.of("p", "l", "q");
        assertThat(TaskNames.resolve("a_B-9", queue).toString()).isEqualTo("projects/p/locations/l/queues/q/tasks/a_B-9");
        assertThat(TaskNames.resolve("projects/x/locations/y/queues/z/tasks/t", queue).toString())
                .isEqualTo("projects/x/locations/y/queues/z/tasks/t");
        assertThatThrownBy(() -> TaskNames.resolve("bad.id", queue)).isInstanceOf(GcpTasksInvalidInputException.class)
                .hasMessage("task id 'bad.id' contains other characters: Cloud Tasks accepts 1 to 500 letters, digits,"
                            + " hyphens or underscores ([A-Za-z0-9_-]{1,500})");
        assertThatThrownBy(() -> TaskNames.resolve("a".repeat(501), queue)).hasMessageContaining("is 501 characters long");
        assertThatThrownBy(() -> TaskNames.resolve("a/b", queue)).hasMessageContaining("neither a task id nor a full name");
        assertThatThrownBy(() -> TaskNames.forCreate("projects/x/locations/y/queues/z/tasks/t", queue))
                .hasMessageContaining("belongs to queue projects/x/locations/y/queues/z");
    }
}
