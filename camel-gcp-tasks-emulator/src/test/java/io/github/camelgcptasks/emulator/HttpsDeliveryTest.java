package io.github.camelgcptasks.emulator;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.Queue;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.camelgcptasks.emulator.cli.EmulatorCommand;
import io.github.camelgcptasks.emulator.support.Clients;
import io.github.camelgcptasks.emulator.support.RecordingReceiver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Tasks to {@code https://} targets are delivered over TLS, by the HTTP client the emulator builds on its first
 * delivery. The emulator runs as the standalone command in a JVM of its own, so that it can be told to trust the
 * test's self-signed certificate (the JDK's default trust store is read once per JVM); one such emulator serves the
 * whole class, each test with a queue of its own.
 */
class HttpsDeliveryTest {

    private static final String PASSWORD = "changeit";
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+)");
    /** The queue the command is started with. */
    private static final String STARTUP_QUEUE = Clients.queueName("secure");

    @TempDir
    static Path dir;

    private static Path keyStore;
    private static Process emulator;
    private static CloudTasksClient client;
    private static int queueCount;

    private HttpsServer target;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** One request the https target got. */
    private record Received(String path, String method, String taskName, String retryCount, String previousResponse,
                            String body) {
    }

    @BeforeAll
    static void startEmulator() throws Exception {
        keyStore = selfSignedKeyStore();
        client = Clients.clientFor(startEmulator(keyStore));
    }

    @AfterAll
    static void stopEmulator() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (emulator != null) {
            emulator.destroy();
            emulator.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void stopTarget() {
        if (target != null) {
            target.stop(0);
        }
    }

    private static String newQueue() {
        String queue = Clients.queueName("secure-" + ++queueCount);
        client.createQueue(Clients.PARENT, Queue.newBuilder().setName(queue).build());
        return queue;
    }

    /** Starts the https target; it records each request and answers what {@code answer} does with its exchange. */
    private String startTarget(Function<HttpExchange, Integer> answer) throws Exception {
        target = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.setHttpsConfigurator(new HttpsConfigurator(sslContext(keyStore)));
        target.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                var headers = exchange.getRequestHeaders();
                received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestMethod(),
                        headers.getFirst("X-CloudTasks-TaskName"), headers.getFirst("X-CloudTasks-TaskRetryCount"),
                        headers.getFirst("X-CloudTasks-TaskPreviousResponse"), body));
                exchange.sendResponseHeaders(answer.apply(exchange), -1);
            }
        });
        target.start();
        return "https://127.0.0.1:" + target.getAddress().getPort();
    }

    private static void awaitEmpty(String queue) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !client.listTasks(queue).iterateAll().iterator().hasNext());
    }

    @Test
    void deliversToAnHttpsTargetWithCloudTasksHeaders() throws Exception {
        String base = startTarget(exchange -> 200);
        String queue = STARTUP_QUEUE;

        client.createTask(queue, Clients.httpTask(base + "/orders", "over TLS").setName(queue + "/tasks/secure-task")
                .build());

        await().atMost(Duration.ofSeconds(20)).until(() -> !received.isEmpty());
        assertThat(received).extracting(Received::taskName, Received::body)
                .containsExactly(tuple("secure-task", "over TLS"));
        // answered 200: completed, so the task is gone
        awaitEmpty(queue);
    }

    @Test
    void aRedirectFromHttpsToHttpIsNotFollowed() throws Exception {
        try (RecordingReceiver plain = new RecordingReceiver()) {
            // the first attempt is sent to plain http; the retry is answered
            String base = startTarget(exchange -> {
                if ("0".equals(exchange.getRequestHeaders().getFirst("X-CloudTasks-TaskRetryCount"))) {
                    exchange.getResponseHeaders().set("Location", plain.url("/plain"));
                    return 302;
                }
                return 200;
            });
            String queue = newQueue();

            client.createTask(queue, Clients.httpTask(base + "/secure", "x").build());

            awaitEmpty(queue);
            assertThat(plain.received()).isEmpty();
            assertThat(received).extracting(Received::retryCount, Received::previousResponse)
                    .containsExactly(tuple("0", null), tuple("1", "302"));
        }
    }

    @Test
    void aRedirectFromHttpToHttpsIsFollowed() throws Exception {
        String base = startTarget(exchange -> 200);
        try (RecordingReceiver plain = new RecordingReceiver()) {
            plain.redirect("/plain", base + "/secure", 307);
            String queue = newQueue();

            client.createTask(queue, Clients.httpTask(plain.url("/plain"), "upgraded").build());

            awaitEmpty(queue);
            assertThat(plain.received()).hasSize(1);
            assertThat(received).extracting(Received::path, Received::method, Received::retryCount, Received::body)
                    .containsExactly(tuple("/secure", "POST", "0", "upgraded"));
        }
    }

    /** A PKCS12 key store with a self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    private static Path selfSignedKeyStore() throws IOException, InterruptedException {
        Path keyStore = dir.resolve("target.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "target", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        return keyStore;
    }

    private static SSLContext sslContext(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** Starts the standalone command trusting {@code keyStore}; answers its gRPC endpoint once it listens. */
    private static String startEmulator(Path keyStore) throws Exception {
        emulator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djavax.net.ssl.trustStore=" + keyStore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-cp", System.getProperty("java.class.path"), EmulatorCommand.class.getName(),
                "--host", "127.0.0.1", "--port", "0", "--oidc-port", "0", "--queue", STARTUP_QUEUE)
                .redirectErrorStream(true).start();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        // reads the output to its end, so that the process never blocks on a full pipe
        CompletableFuture.runAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(emulator.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        endpoint.complete(listening.group(1));
                    }
                }
            } catch (IOException e) {
                endpoint.completeExceptionally(e);
            }
            endpoint.completeExceptionally(new IllegalStateException("the emulator exited without listening"));
        });
        return endpoint.get(60, TimeUnit.SECONDS);
    }
}
