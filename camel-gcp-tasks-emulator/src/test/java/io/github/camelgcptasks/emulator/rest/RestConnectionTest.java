package io.github.camelgcptasks.emulator.rest;

import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.server.EmulatorServer;
import io.github.camelgcptasks.emulator.support.EmulatorFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/1.1 on the gRPC port as clients use it at the connection level, written byte by byte on a socket: several
 * requests on one connection, answered in their order, and a body refused before it is sent.
 */
class RestConnectionTest {

    @RegisterExtension
    static final EmulatorFixture FIXTURE = new EmulatorFixture(new CloudTasksEmulatorExtension());

    private final String queue = FIXTURE.newPausedQueue("conn");

    @Test
    void pipelinedRequestsOnOneConnectionAreAnsweredInOrder() throws IOException {
        String get = "GET /v2/" + queue + " HTTP/1.1\r\nHost: emulator\r\n\r\n";
        String missing = "GET /v2/nothing/here HTTP/1.1\r\nHost: emulator\r\n\r\n";
        String last = "GET /v2/" + queue + " HTTP/1.1\r\nHost: emulator\r\nConnection: close\r\n\r\n";

        String answers = exchange(get + missing + last);

        int first = answers.indexOf("HTTP/1.1 200 OK");
        int second = answers.indexOf("HTTP/1.1 404 Not Found");
        int third = answers.indexOf("HTTP/1.1 200 OK", second);
        assertThat(first).as(answers).isEqualTo(0);
        assertThat(second).as(answers).isGreaterThan(first);
        assertThat(third).as(answers).isGreaterThan(second);
        assertThat(answers).contains("\"name\": \"" + queue + "\"")
                .contains("No Cloud Tasks method is bound to GET /v2/nothing/here");
    }

    @Test
    void aBodyOverTheLimitAwaitingContinueIsRefusedBeforeItIsSent() throws IOException {
        String request = "POST /v2/" + queue + "/tasks HTTP/1.1\r\nHost: emulator\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (EmulatorServer.MAX_REQUEST_BYTES + 1) + "\r\nExpect: 100-continue\r\n\r\n";

        String answer = exchange(request);

        assertThat(answer).as(answer).startsWith("HTTP/1.1 400 Bad Request").doesNotContain("100 Continue")
                .contains("\"status\": \"INVALID_ARGUMENT\"")
                .contains("Request payload size exceeds the limit: " + EmulatorServer.MAX_REQUEST_BYTES + " bytes.");
    }

    @Test
    void anHttp10RequestIsAnsweredAndTheConnectionClosed() throws IOException {
        String answer = exchange("GET /v2/" + queue + " HTTP/1.0\r\n\r\n");

        assertThat(answer).as(answer).startsWith("HTTP/1.1 200 OK").contains("\"name\": \"" + queue + "\"");
    }

    /** Writes the bytes and reads until the server closes the connection. */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", FIXTURE.emulator().grpcPort())) {
            socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answers = new ByteArrayOutputStream();
            in.transferTo(answers);
            return answers.toString(StandardCharsets.UTF_8);
        }
    }
}
