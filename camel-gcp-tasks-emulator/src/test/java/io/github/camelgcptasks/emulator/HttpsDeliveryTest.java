package io.github.camelgcptasks.emulator;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.camelgcptasks.emulator.cli.EmulatorCommand;
import io.github.camelgcptasks.emulator.support.Clients;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tasks to {@code https://} targets are delivered over TLS, by the HTTP client the emulator builds on its first
 * delivery. The emulator runs as the standalone command in a JVM of its own, so that it can be told to trust the
 * test's self-signed certificate (the JDK's default trust store is read once per JVM).
 */
class HttpsDeliveryTest {

    private static final String PASSWORD = "changeit";
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+)");

    @TempDir
    Path dir;

    private Process emulator;
    private HttpsServer target;

    @AfterEach
    void stop() throws InterruptedException {
        if (emulator != null) {
            emulator.destroy();
            emulator.waitFor(10, TimeUnit.SECONDS);
        }
        if (target != null) {
            target.stop(0);
        }
    }

    @Test
    void deliversToAnHttpsTargetWithCloudTasksHeaders() throws Exception {
        Path keyStore = selfSignedKeyStore();
        List<Map.Entry<String, String>> received = new CopyOnWriteArrayList<>();
        target = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.setHttpsConfigurator(new HttpsConfigurator(sslContext(keyStore)));
        target.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(Map.entry(exchange.getRequestHeaders().getFirst("X-CloudTasks-TaskName"), body));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        target.start();
        String queue = Clients.queueName("secure");
        String endpoint = startEmulator(keyStore, queue);

        try (CloudTasksClient client = Clients.clientFor(endpoint)) {
            client.createTask(queue, Clients.httpTask("https://127.0.0.1:" + target.getAddress().getPort()
                    + "/orders", "over TLS").setName(queue + "/tasks/secure-task").build());

            await().atMost(Duration.ofSeconds(20)).until(() -> !received.isEmpty());
            assertThat(received).containsExactly(Map.entry("secure-task", "over TLS"));
            // answered 200: completed, so the task is gone
            await().atMost(Duration.ofSeconds(10)).until(() -> !client.listTasks(queue).iterateAll().iterator()
                    .hasNext());
        }
    }

    /** A PKCS12 key store with a self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    private Path selfSignedKeyStore() throws IOException, InterruptedException {
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
    private String startEmulator(Path keyStore, String queue) throws Exception {
        emulator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djavax.net.ssl.trustStore=" + keyStore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-cp", System.getProperty("java.class.path"), EmulatorCommand.class.getName(),
                "--host", "127.0.0.1", "--port", "0", "--oidc-port", "0", "--queue", queue)
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
