package io.github.camelgcptasks.examples.orders;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Switching away from local mode is configuration only: the unchanged app, given the properties a real deployment
 * sets, uses a Cloud Tasks service outside the app (here an emulator standing in for it, with an existing queue in
 * another project and location) and still completes the loop with signed deliveries.
 */
class OrdersApplicationOnExternalCloudTasksTest {

    private static final String QUEUE = "projects/shop-prod/locations/europe-west1/queues/orders";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static CloudTasksEmulator cloudTasks;
    private static Main main;
    private static String baseUrl;

    @BeforeAll
    static void startApp() throws Exception {
        cloudTasks = CloudTasksEmulator.builder().port(0).oidcPort(0).queue(QUEUE).build().start();
        int port = freePort();
        baseUrl = "http://localhost:" + port;

        main = new Main();
        OrdersApplication.configure(main);
        main.addOverrideProperty("camel.server.port", String.valueOf(port));
        main.addOverrideProperty("camel.component.gcp-tasks.embedded-emulator", "false");
        main.addOverrideProperty("camel.component.gcp-tasks.project-id", "shop-prod");
        main.addOverrideProperty("camel.component.gcp-tasks.location", "europe-west1");
        main.addOverrideProperty("camel.component.gcp-tasks.target-base-url", baseUrl);
        main.addOverrideProperty("camel.component.gcp-tasks.oidc-service-account-email",
                "orders-tasks@shop-prod.iam.gserviceaccount.com");
        // what differs from Google's service: its address, no credentials, and its own token signing keys
        main.addOverrideProperty("camel.component.gcp-tasks.endpoint", cloudTasks.grpcEndpoint());
        main.addOverrideProperty("camel.component.gcp-tasks.authenticate", "false");
        main.addOverrideProperty("camel.component.gcp-tasks.oidc-certificates-location", cloudTasks.jwksUrl());
        main.addOverrideProperty("camel.component.gcp-tasks.oidc-issuer", cloudTasks.openIdIssuer());
        main.start();
    }

    @AfterAll
    static void stopApp() {
        if (main != null) {
            main.stop();
        }
        if (cloudTasks != null) {
            cloudTasks.stop();
        }
    }

    @Test
    void anOrderGoesThroughTheConfiguredQueue() throws Exception {
        HttpResponse<String> placed = send(HttpRequest.newBuilder(URI.create(baseUrl + "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\": \"grinder\", \"quantity\": 1}")));

        assertThat(placed.statusCode()).isEqualTo(202);
        Map<String, Object> receipt = json(placed.body());
        assertThat(receipt.get("taskName")).asString().startsWith(QUEUE + "/tasks/");
        String id = (String) receipt.get("id");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> status = send(HttpRequest.newBuilder(URI.create(baseUrl + "/orders/" + id)).GET());
            assertThat(json(status.body())).containsEntry("status", "processed").containsEntry("attempts", 2);
        });
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> json(String body) throws IOException {
        return JSON.readValue(body, new TypeReference<>() {
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
