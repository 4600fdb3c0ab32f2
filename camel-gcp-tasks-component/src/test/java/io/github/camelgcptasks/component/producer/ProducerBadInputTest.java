package io.github.camelgcptasks.component.producer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.LocationName;
import com.google.cloud.tasks.v2.Queue;
import io.github.camelgcptasks.component.CloudTasksLimits;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.component.GcpTasksInvalidInputException;
import io.github.camelgcptasks.component.support.CamelFixture;
import io.github.camelgcptasks.component.support.EmulatorSupport;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each bad input from the design's list fails the exchange with a {@link GcpTasksInvalidInputException} naming the
 * field and the limit, and no task is created. Every test works on a fresh paused queue, where a task that had been
 * created would stay listed; {@link #aValidExchangeOnAPausedQueueIsListed()} shows that it would.
 */
class ProducerBadInputTest {

    private static final String LOCATION = "projects/p/locations/l";

    static final CloudTasksEmulatorExtension EMULATOR = CloudTasksEmulatorExtension.withQueues();

    @RegisterExtension
    static final CamelFixture CAMEL = new CamelFixture(EMULATOR);

    private final CloudTasksClient client = CAMEL.client();
    private final ProducerTemplate template = CAMEL.template();

    private String queue;

    @BeforeEach
    void freshPausedQueue() {
        queue = LOCATION + "/queues/bad-" + UUID.randomUUID().toString().substring(0, 8);
        client.createQueue(LocationName.of("p", "l"), Queue.newBuilder().setName(queue).build());
        client.pauseQueue(queue);
    }

    private Exchange send(String options, Object body, Map<String, Object> headers) {
        return template.send("gcp-tasks:" + queue + "?targetUrl=http://127.0.0.1:9/x" + options, e -> {
            e.getMessage().setBody(body);
            headers.forEach(e.getMessage()::setHeader);
        });
    }

    private GcpTasksInvalidInputException refused(Exchange exchange, String field) {
        assertThat(exchange.getException()).isInstanceOf(GcpTasksInvalidInputException.class);
        GcpTasksInvalidInputException e = (GcpTasksInvalidInputException) exchange.getException();
        assertThat(e.getField()).isEqualTo(field);
        assertThat(EmulatorSupport.tasks(client, queue)).as("no task was created").isEmpty();
        return e;
    }

    @Test
    void aValidExchangeOnAPausedQueueIsListed() {
        Exchange exchange = send("", "fine", Map.of());
        assertThat(exchange.getException()).isNull();
        assertThat(EmulatorSupport.tasks(client, queue)).hasSize(1);
    }

    @Test
    void badQueueIdIsRefusedWhenTheEndpointIsCreated() {
        String bad = LOCATION + "/queues/bad_queue.name";
        assertThatThrownBy(() -> template.send("gcp-tasks:" + bad + "?targetUrl=http://127.0.0.1:9/x",
                e -> e.getMessage().setBody("x")))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue id 'bad_queue.name' is invalid")
                .hasMessageContaining("1 to 100 letters, digits or hyphens");
        assertThat(client.listQueues(LocationName.of("p", "l")).iterateAll()).extracting(Queue::getName)
                .doesNotContain(bad);
    }

    @Test
    void badTaskIdIsRefused() {
        assertThat(refused(send("", "x", Map.of(GcpTasksConstants.TASK_NAME, "order.42")), "taskName"))
                .hasMessageContaining("task id 'order.42' contains other characters")
                .hasMessageContaining("[A-Za-z0-9_-]{1,500}");
        assertThat(refused(send("", "x", Map.of(GcpTasksConstants.TASK_NAME, "a".repeat(501))), "taskName"))
                .hasMessageContaining("is 501 characters long").hasMessageContaining("1 to 500");
    }

    @Test
    void taskOverOneMegabyteIsRefused() {
        byte[] body = new byte[CloudTasksLimits.MAX_TASK_SIZE_BYTES];
        assertThat(refused(send("", body, Map.of()), "task"))
                .hasMessageStartingWith("task size ")
                .hasMessageContaining("body 1048576 bytes")
                .hasMessageContaining("limit of 1048576 bytes (1 MB)");
    }

    @Test
    void scheduleMoreThanThirtyDaysAheadIsRefused() {
        Instant far = Instant.now().plus(Duration.ofDays(31));
        assertThat(refused(send("", "x", Map.of(GcpTasksConstants.SCHEDULE_TIME, far)), "scheduleTime"))
                .hasMessageContaining("scheduleTime " + far)
                .hasMessageContaining(GcpTasksConstants.SCHEDULE_TIME)
                .hasMessageContaining("limit of 30 days ahead");
        assertThat(refused(send("&scheduleDelay=31d", "x", Map.of()), "scheduleDelay"))
                .hasMessage("scheduleDelay 31d is more than Cloud Tasks' limit of 30 days ahead");
    }

    @Test
    void dispatchDeadlineOutsideRangeIsRefused() {
        assertThat(refused(send("&dispatchDeadline=5s", "x", Map.of()), "dispatchDeadline"))
                .hasMessage("dispatchDeadline 5s (from option dispatchDeadline) is outside Cloud Tasks' range of 15s"
                            + " to 30m");
        assertThat(refused(send("", "x", Map.of(GcpTasksConstants.DISPATCH_DEADLINE, Duration.ofMinutes(31))),
                "dispatchDeadline"))
                .hasMessage("dispatchDeadline 31m (from " + GcpTasksConstants.DISPATCH_DEADLINE + ") is outside Cloud"
                            + " Tasks' range of 15s to 30m");
    }

    @Test
    void bodyWithMethodsThatCarryNoneIsRefused() {
        for (String method : new String[] { "GET", "HEAD", "DELETE", "OPTIONS" }) {
            assertThat(refused(send("&httpMethod=" + method, "payload", Map.of()), "body"))
                    .hasMessageContaining("httpMethod " + method)
                    .hasMessageContaining("only with POST, PUT or PATCH");
        }
    }

    @Test
    void reservedHeadersAreRefused() {
        for (String header : new String[] { "X-CloudTasks-TaskName", "X-Google-Internal", "X-AppEngine-QueueName" }) {
            assertThat(refused(send("", "x", Map.of(header, "mine")), "headers"))
                    .hasMessageStartingWith("header " + header + " is reserved by Cloud Tasks");
        }
    }

    @Test
    void missingUrlNamesBothOptions() {
        Exchange exchange = template.send("gcp-tasks:" + queue, e -> e.getMessage().setBody("x"));
        assertThat(exchange.getException()).isInstanceOf(GcpTasksInvalidInputException.class)
                .hasMessageContaining("targetUrl").hasMessageContaining("targetBaseUrl");
        assertThat(EmulatorSupport.tasks(client, queue)).isEmpty();
    }
}
