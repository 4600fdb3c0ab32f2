package io.github.camelgcptasks.emulator.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An HTTP/1.1 target on a free loopback port written on plain sockets, for tests that need to control the
 * connection itself: it counts the connections it accepts, records each request with the connection it came on, and
 * answers with whatever bytes a test chooses, closing the connection when told to. Requests are read by their
 * {@code Content-Length}, which is how the emulator sends every body.
 */
public final class RawHttpTarget implements AutoCloseable {

    /** One received request; {@code connection} counts from 1 in accept order, {@code onConnection} from 0. */
    public record Request(int connection, int onConnection, String method, String target,
                          List<Map.Entry<String, String>> headers, byte[] body) {

        /** The first value of the header {@code name}, ignoring case, or null. */
        public String header(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }

        /** All values of the header {@code name}, ignoring case. */
        public List<String> headers(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .toList();
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What to send back: these bytes (none for no answer), then whether to close the connection. */
    public record Reply(byte[] bytes, boolean close) {

        /** A complete empty answer of {@code status}; the connection stays open. */
        public static Reply status(int status) {
            return raw("HTTP/1.1 " + status + " Status\r\nContent-Length: 0\r\n\r\n");
        }

        /** {@code text} as it is; the connection stays open. */
        public static Reply raw(String text) {
            return new Reply(text.getBytes(StandardCharsets.ISO_8859_1), false);
        }

        /** Closes the connection without answering. */
        public static Reply hangUp() {
            return new Reply(new byte[0], true);
        }

        /** The same bytes, then the connection closed. */
        public Reply thenClose() {
            return new Reply(bytes, true);
        }
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "raw-http-target");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger accepted = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Request> received = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<Request, Reply> responder = request -> Reply.status(200);

    public RawHttpTarget() {
        try {
            server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::acceptLoop);
    }

    /** Answers each request with what {@code responder} says. */
    public RawHttpTarget answerWith(Function<Request, Reply> responder) {
        this.responder = responder;
        return this;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** URL of {@code pathAndQuery} on this target. */
    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port() + pathAndQuery;
    }

    /** Connections accepted so far. */
    public int connections() {
        return accepted.get();
    }

    public List<Request> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Requests whose X-CloudTasks-TaskName is {@code taskId}. */
    public List<Request> forTask(String taskId) {
        return received().stream().filter(r -> taskId.equals(r.header("X-CloudTasks-TaskName"))).toList();
    }

    /** Closes every connection that is open now, as a server does with connections idle too long. */
    public void closeOpenConnections() {
        for (Socket socket : List.copyOf(open)) {
            closeQuietly(socket);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException closed) {
                return;
            }
            int connection = accepted.incrementAndGet();
            open.add(socket);
            threads.execute(() -> serve(socket, connection));
        }
    }

    private void serve(Socket socket, int connection) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (int onConnection = 0; ; onConnection++) {
                Request request = read(in, connection, onConnection);
                if (request == null) {
                    return; // the client closed the connection
                }
                received.add(request);
                Reply reply = responder.apply(request);
                out.write(reply.bytes());
                out.flush();
                if (reply.close()) {
                    return;
                }
            }
        } catch (IOException closedUnderUs) {
            // the test closed the connection, or the client reset it
        } finally {
            open.remove(socket);
        }
    }

    private static Request read(InputStream in, int connection, int onConnection) throws IOException {
        String requestLine = line(in);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ", 3);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.add(Map.entry(header.substring(0, colon), header.substring(colon + 1).trim()));
        }
        int length = headers.stream().filter(h -> h.getKey().toLowerCase(Locale.ROOT).equals("content-length"))
                .map(h -> Integer.parseInt(h.getValue())).findFirst().orElse(0);
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            return null;
        }
        return new Request(connection, onConnection, parts[0], parts.length > 1 ? parts[1] : "", headers, body);
    }

    /** One line without its CRLF, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return null;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that was asked
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // the port is released either way
        }
        closeOpenConnections();
        threads.shutdownNow();
    }
}
