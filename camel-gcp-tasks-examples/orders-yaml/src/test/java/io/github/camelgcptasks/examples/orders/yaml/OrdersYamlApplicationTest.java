package io.github.camelgcptasks.examples.orders.yaml;

import io.github.camelgcptasks.examples.orders.OrdersApi;
import io.github.camelgcptasks.examples.orders.OrdersApiContract;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Starts the YAML app as {@code mvn exec:exec} does (Camel Main with application.properties), on the embedded
 * emulator and a free port, and uses its HTTP API.
 */
class OrdersYamlApplicationTest extends OrdersApiContract {

    private static Main main;
    private static OrdersApi api;

    @BeforeAll
    static void startApp() throws Exception {
        int port = OrdersApi.freePort();
        api = OrdersApi.onLocalPort(port);
        main = new Main();
        main.addOverrideProperty("camel.server.port", String.valueOf(port));
        main.start();
    }

    @AfterAll
    static void stopApp() {
        if (main != null) {
            main.stop();
        }
    }

    @Override
    protected OrdersApi api() {
        return api;
    }
}
