package io.github.camelgcptasks.springboot.servlet;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.OidcToken;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.ByteString;
import io.github.camelgcptasks.component.CloudTasksLimits;
import io.github.camelgcptasks.component.consumer.DeliveryOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries refused on their headers under Spring Boot: platform-http on Spring MVC reads a whole body into memory
 * before the consumer sees the request, so the servlet gate must answer first. What the application read of each
 * body is counted by a filter before the gate ({@link GateTestApplication.BodyReadCounter}); without the gate it reads
 * all of it ({@link ServletDeliveryGateOffTest}).
 */
@SpringBootTest(classes = GateTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServletDeliveryGateTest extends GateTestSupport {

    private static final int LIMIT = CloudTasksLimits.MAX_TASK_SIZE_BYTES;
    /** Both socket buffers, doubled as Linux does, and data in flight: what a client writes that nobody read. */
    private static final long BUFFERED = 4L * (GateTestApplication.RECEIVE_BUFFER + LargeBodyClient.SEND_BUFFER);
    /**
     * What Tomcat reads and discards of a body left unread before it closes the connection, so that the client gets
     * to read the answer: server.tomcat.max-swallow-size, 2 MB by default.
     */
    private static final long TOMCAT_SWALLOW = 2L * 1024 * 1024;

    private void assertRefusedUnread(LargeBodyClient.Outcome outcome, String status) {
        assertThat(outcome.statusLine()).startsWith("HTTP/1.1 " + status);
        await().atMost(Duration.ofSeconds(10)).until(() -> bodyRead.lastRequestBytes() != null);
        assertThat(bodyRead.lastRequestBytes()).isZero();
        assertThat(delivered().getReceivedCounter()).isZero();
    }

    @Test
    void unauthenticatedChunkedFiftyMegabytesAreRefusedWith401Unread() throws Exception {
        long before = counts().get(DeliveryOutcome.UNAUTHENTICATED);

        LargeBodyClient.Outcome outcome = LargeBodyClient.post(port, consumerPath(), FIFTY_MB, false, null);

        assertRefusedUnread(outcome, "401");
        assertThat(counts().get(DeliveryOutcome.UNAUTHENTICATED)).isEqualTo(before + 1);
        // Tomcat discarded at most its swallow limit of the rest, unbuffered, before closing the connection
        assertThat(outcome.bytesWritten()).isLessThan(TOMCAT_SWALLOW + BUFFERED);
    }

    @Test
    void forgedTokenWithDeclaredFiftyMegabytesIsRefusedWith401Unread() throws Exception {
        LargeBodyClient.Outcome outcome
                = LargeBodyClient.post(port, consumerPath(), FIFTY_MB, true, "Bearer not-a-token");

        assertRefusedUnread(outcome, "401");
        assertThat(outcome.bytesWritten()).isLessThan(TOMCAT_SWALLOW + BUFFERED);
    }

    @Test
    void validTokenWithADeclaredBodyOverTheLimitIsRefusedWith413Unread() throws Exception {
        long before = counts().get(DeliveryOutcome.TOO_LARGE);

        LargeBodyClient.Outcome outcome
                = LargeBodyClient.post(port, consumerPath(), FIFTY_MB, true, "Bearer " + validToken());

        assertRefusedUnread(outcome, "413");
        assertThat(counts().get(DeliveryOutcome.TOO_LARGE)).isEqualTo(before + 1);
        assertThat(outcome.bytesWritten()).isLessThan(TOMCAT_SWALLOW + BUFFERED);
    }

    @Test
    void validTokenWithAChunkedBodyOverTheLimitIsReadOneBytePastItAndRefusedWith413() throws Exception {
        long before = counts().get(DeliveryOutcome.TOO_LARGE);

        LargeBodyClient.Outcome outcome
                = LargeBodyClient.post(port, consumerPath(), FIFTY_MB, false, "Bearer " + validToken());

        assertThat(outcome.statusLine()).startsWith("HTTP/1.1 413");
        await().atMost(Duration.ofSeconds(10)).until(() -> bodyRead.lastRequestBytes() != null);
        assertThat(bodyRead.lastRequestBytes()).isEqualTo(LIMIT + 1L);
        assertThat(outcome.bytesWritten()).isLessThan(LIMIT + TOMCAT_SWALLOW + BUFFERED);
        assertThat(delivered().getReceivedCounter()).isZero();
        assertThat(counts().get(DeliveryOutcome.TOO_LARGE)).isEqualTo(before + 1);
    }

    @Test
    void validTokenWithAChunkedBodyAtTheLimitIsRoutedWhole() throws Exception {
        LargeBodyClient.Outcome outcome
                = LargeBodyClient.post(port, consumerPath(), LIMIT, false, "Bearer " + validToken());

        assertThat(outcome.statusLine()).startsWith("HTTP/1.1 200");
        assertThat(delivered().getReceivedCounter()).isEqualTo(1);
        assertThat(delivered().getExchanges().get(0).getMessage().getBody(byte[].class)).hasSize(LIMIT);
    }

    @Test
    void aTaskTheEmulatorSignsForTheAllowedAccountIsDelivered() {
        Task task = client().createTask(QUEUE_PATH, task(ACCOUNT, "{\"order\":1}"));

        await().atMost(Duration.ofSeconds(20)).until(() -> delivered().getReceivedCounter() == 1);
        assertThat(delivered().getExchanges().get(0).getMessage().getBody(String.class)).isEqualTo("{\"order\":1}");
        await().atMost(Duration.ofSeconds(10)).until(() -> isGone(task.getName()));
    }

    @Test
    void aTaskTheEmulatorSignsForAnotherAccountIsRefusedAtTheGateAndStaysQueued() {
        long before = counts().get(DeliveryOutcome.FORBIDDEN);
        Task task = client().createTask(QUEUE_PATH, task("intruder@other-project.iam.gserviceaccount.com", "{}"));
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> client().getTask(task.getName()).getResponseCount() >= 2);

            Task queued = client().getTask(task.getName());
            assertThat(queued.getLastAttempt().getResponseStatus().getMessage()).contains("403");
            assertThat(counts().get(DeliveryOutcome.FORBIDDEN)).isGreaterThanOrEqualTo(before + 2);
            assertThat(bodyRead.lastRequestBytes()).isZero();
            assertThat(delivered().getReceivedCounter()).isZero();
        } finally {
            client().deleteTask(task.getName());
        }
    }

    private Task task(String signer, String body) {
        return Task.newBuilder()
                .setHttpRequest(HttpRequest.newBuilder()
                        .setUrl(consumerUrl())
                        .setHttpMethod(HttpMethod.POST)
                        .putHeaders("Content-Type", "application/json")
                        .setBody(ByteString.copyFrom(body, StandardCharsets.UTF_8))
                        .setOidcToken(OidcToken.newBuilder().setServiceAccountEmail(signer)))
                .build();
    }

    private boolean isGone(String taskName) {
        try {
            client().getTask(taskName);
            return false;
        } catch (com.google.api.gax.rpc.NotFoundException e) {
            return true;
        }
    }
}
