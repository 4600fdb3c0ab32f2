package io.github.camelgcptasks.component.consumer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelgcptasks.component.CloudTasksLimits;
import io.github.camelgcptasks.component.GcpTasksConfiguration;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.vertx.core.http.HttpServerRequest;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A caller streams a 50 MB body at the consumer. On Vert.x the consumer refuses it on its headers: the body is never
 * read. Measured on the server (the bytes Vert.x handed to any handler of the request, counted by a handler placed
 * before all others) and on the client (the bytes it could write before the server closed the connection). Without
 * the gate Vert.x reads all 50 MB of each request.
 */
class EarlyRefusalTest extends EmulatorTestSupport {

    @RegisterExtension
    static final CloudTasksEmulatorExtension EMULATOR = new CloudTasksEmulatorExtension();

    private static final String ACCOUNT = "tasks@consumer-it.iam.gserviceaccount.com";
    private static final long FIFTY_MB = 50L * 1024 * 1024;
    /** What the server may read of a refused request: far less than one task's 1 MB. */
    private static final long READ_BOUND = 64 * 1024;

    private final AtomicLong bytesReadByServer = new AtomicLong(-1);
    private String queue;

    @Override
    protected CloudTasksEmulator emulator() {
        return EMULATOR.emulator();
    }

    private void startConsumer(boolean secured) throws Exception {
        queue = createQueue("early", 10);
        GcpTasksConfiguration configuration = configureComponent();
        if (secured) {
            configuration.setOidcServiceAccountEmail(ACCOUNT);
            configuration.setOidcIssuer(emulator().openIdIssuer());
            configuration.setOidcCertificatesLocation(emulator().jwksUrl());
        }
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:" + queue).to("mock:out");
            }
        });
        // counts what Vert.x reads of each request's body, whatever handler reads it
        VertxPlatformHttpRouter router
                = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port()));
        router.route().order(-1).handler(ctx -> {
            HttpServerRequest request = ctx.request();
            request.connection().closeHandler(closed -> bytesReadByServer.set(request.bytesRead()));
            ctx.next();
        });
    }

    private String validToken() {
        Instant now = Instant.now();
        return emulator().issueIdToken(url("/gcp-tasks/" + queue), ACCOUNT, now.minusSeconds(60),
                                       now.plus(Duration.ofHours(1)));
    }

    /** What one oversized request did: the answer's status line and how much of the body the client could write. */
    private record Outcome(String statusLine, long bytesWritten) {
    }

    /**
     * Sends a 50 MB body over a plain socket, writing and reading at the same time as an HTTP client would: the
     * answer can come before the body is sent.
     */
    private Outcome sendFiftyMegabytes(boolean declareLength, String authorization) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder()
                    .append("POST /gcp-tasks/").append(queue).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port()).append("\r\n")
                    .append("Content-Type: application/octet-stream\r\n")
                    .append("X-CloudTasks-QueueName: ").append(queue).append("\r\n")
                    .append("X-CloudTasks-TaskName: big\r\n")
                    .append(declareLength ? "Content-Length: " + FIFTY_MB : "Transfer-Encoding: chunked")
                    .append("\r\n");
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<Long> written = CompletableFuture.supplyAsync(() -> writeBody(out, declareLength));

            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                                                                         StandardCharsets.US_ASCII));
            String statusLine = in.readLine();
            return new Outcome(statusLine, written.get(60, TimeUnit.SECONDS));
        }
    }

    /** Writes up to 50 MB of body; answers how much went out before the server stopped taking it. */
    private static long writeBody(OutputStream out, boolean declaredLength) {
        byte[] chunk = new byte[64 * 1024];
        String chunkHeader = Integer.toHexString(chunk.length) + "\r\n";
        long sent = 0;
        try {
            while (sent < FIFTY_MB) {
                if (!declaredLength) {
                    out.write(chunkHeader.getBytes(StandardCharsets.US_ASCII));
                }
                out.write(chunk);
                if (!declaredLength) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                sent += chunk.length;
            }
            if (!declaredLength) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException closedByTheServer) {
            // expected: the server answered and closed the connection
        }
        return sent;
    }

    private void assertBodyNotRead(Outcome outcome, String expectedStatus) {
        assertThat(outcome.statusLine()).startsWith("HTTP/1.1 " + expectedStatus);
        await().atMost(Duration.ofSeconds(10)).until(() -> bytesReadByServer.get() >= 0);
        assertThat(bytesReadByServer.get()).isLessThanOrEqualTo(READ_BOUND);
        // what the client got out before the close sits in the operating system's socket buffers: a few MB at most
        assertThat(outcome.bytesWritten()).isLessThan(FIFTY_MB / 3);
        assertThat(context.getEndpoint("mock:out", MockEndpoint.class).getReceivedCounter()).isZero();
    }

    @Test
    void unauthenticatedChunkedBodyIsRefusedWith401BeforeItIsRead() throws Exception {
        startConsumer(true);

        assertBodyNotRead(sendFiftyMegabytes(false, null), "401");
    }

    @Test
    void unauthenticatedDeclaredBodyIsRefusedWith401BeforeItIsRead() throws Exception {
        startConsumer(true);

        assertBodyNotRead(sendFiftyMegabytes(true, "Bearer not-a-token"), "401");
    }

    @Test
    void authenticatedBodyDeclaredOverOneMegabyteIsRefusedWith413BeforeItIsRead() throws Exception {
        startConsumer(true);

        assertBodyNotRead(sendFiftyMegabytes(true, "Bearer " + validToken()), "413");
    }

    @Test
    void withoutVerificationABodyDeclaredOverOneMegabyteIsStillRefusedBeforeItIsRead() throws Exception {
        startConsumer(false);

        assertBodyNotRead(sendFiftyMegabytes(true, null), "413");
    }

    @Test
    void aDeliveryThatPassesTheGateIsRoutedWithItsWholeBody() throws Exception {
        startConsumer(true);
        byte[] body = new byte[CloudTasksLimits.MAX_TASK_SIZE_BYTES];

        int status = send(delivery("/gcp-tasks/" + queue, queue, "fits", 0, body)
                .header("Authorization", "Bearer " + validToken()).build()).statusCode();

        assertThat(status).isEqualTo(200);
        MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
        assertThat(out.getReceivedCounter()).isEqualTo(1);
        assertThat(out.getExchanges().get(0).getMessage().getBody(byte[].class)).hasSize(body.length);
    }
}
