package io.github.camelgcptasks.examples.orders;

import java.util.Map;

import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Switching away from local mode is configuration only: the unchanged app, given the properties a real deployment
 * sets, uses a Cloud Tasks service outside the app (here an emulator standing in for it, with an existing queue in
 * another project and location) and still completes the loop with signed deliveries.
 */
class OrdersApplicationOnExternalCloudTasksTest {

    private static final String QUEUE = "projects/shop-prod/locations/europe-west1/queues/orders";

    private static CloudTasksEmulator cloudTasks;
    private static RunningMainApp app;

    @BeforeAll
    static void startApp() throws Exception {
        cloudTasks = CloudTasksEmulator.builder().port(0).oidcPort(0).queue(QUEUE).build().start();
        app = RunningMainApp.start((main, api) -> {
            OrdersApplication.configure(main);
            main.addOverrideProperty("camel.component.gcp-tasks.embedded-emulator", "false");
            main.addOverrideProperty("camel.component.gcp-tasks.project-id", "shop-prod");
            main.addOverrideProperty("camel.component.gcp-tasks.location", "europe-west1");
            main.addOverrideProperty("camel.component.gcp-tasks.target-base-url", api.baseUrl());
            main.addOverrideProperty("camel.component.gcp-tasks.oidc-service-account-email",
                    "orders-tasks@shop-prod.iam.gserviceaccount.com");
            // what differs from Google's service: its address, no credentials, and its own token signing keys
            main.addOverrideProperty("camel.component.gcp-tasks.endpoint", cloudTasks.grpcEndpoint());
            main.addOverrideProperty("camel.component.gcp-tasks.authenticate", "false");
            main.addOverrideProperty("camel.component.gcp-tasks.oidc-certificates-location", cloudTasks.jwksUrl());
            main.addOverrideProperty("camel.component.gcp-tasks.oidc-issuer", cloudTasks.openIdIssuer());
        });
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
        if (cloudTasks != null) {
            cloudTasks.stop();
        }
    }

    @Test
    void anOrderGoesThroughTheConfiguredQueue() {
        Map<String, Object> receipt = app.api().placeOrder("{\"item\": \"grinder\", \"quantity\": 1}");

        assertThat(receipt.get("taskName")).asString().startsWith(QUEUE + "/tasks/");
        app.api().awaitProcessed((String) receipt.get("id"), 2);
    }
}
