package io.github.camelgcptasks.springboot.servlet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a large POST over a plain socket, writing the body while it reads the answer, as an HTTP client would: the
 * answer can come before the body is sent.
 */
final class LargeBodyClient {

    private static final Logger LOG = LoggerFactory.getLogger(LargeBodyClient.class);
    static final int SEND_BUFFER = 64 * 1024;

    /** What one request did: the answer's status line and how much of the body the client could write. */
    record Outcome(String statusLine, long bytesWritten) {
    }

    private LargeBodyClient() {
    }

    /**
     * @param size          the body's size
     * @param declareLength Content-Length when true, else Transfer-Encoding: chunked
     * @param authorization the Authorization header, or null
     */
    static Outcome post(int port, String path, long size, boolean declareLength, String authorization)
            throws Exception {
        try (Socket socket = new Socket()) {
            // a small send buffer too: what the client wrote is then what the server read, give or take both buffers
            socket.setSendBufferSize(SEND_BUFFER);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder()
                    .append("POST ").append(path).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\n")
                    .append("Content-Type: application/json\r\n")
                    .append("X-CloudTasks-QueueName: ").append(GateTestApplication.QUEUE).append("\r\n")
                    .append("X-CloudTasks-TaskName: big\r\n")
                    .append(declareLength ? "Content-Length: " + size : "Transfer-Encoding: chunked")
                    .append("\r\n");
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<Long> written = CompletableFuture.supplyAsync(() -> writeBody(out, size, declareLength));

            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                                                                         StandardCharsets.US_ASCII));
            String statusLine = in.readLine();
            Outcome outcome = new Outcome(statusLine, written.get(60, TimeUnit.SECONDS));
            LOG.info("POST of {} bytes ({}): {}; the client wrote {} bytes", size,
                     declareLength ? "Content-Length" : "chunked", statusLine, outcome.bytesWritten());
            return outcome;
        }
    }

    /** Writes the body; answers how much went out before the server stopped taking it. */
    private static long writeBody(OutputStream out, long size, boolean declaredLength) {
        byte[] chunk = new byte[64 * 1024];
        long sent = 0;
        try {
            while (sent < size) {
                int n = (int) Math.min(chunk.length, size - sent);
                if (!declaredLength) {
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(chunk, 0, n);
                if (!declaredLength) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                sent += n;
            }
            if (!declaredLength) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException closedByTheServer) {
            // expected after a refusal: the server answered and closed the connection
        }
        return sent;
    }
}
