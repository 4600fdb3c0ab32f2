package io.github.camelgcptasks.examples.orders.yaml;

import io.github.camelgcptasks.examples.orders.OrdersApi;
import io.github.camelgcptasks.examples.orders.OrdersApiContract;
import io.github.camelgcptasks.examples.orders.RunningMainApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Starts the YAML app as {@code mvn exec:exec} does (Camel Main with application.properties, routes from YAML), on
 * the embedded emulator and a free port, and uses its HTTP API.
 */
class OrdersYamlApplicationTest extends OrdersApiContract {

    private static RunningMainApp app;

    @BeforeAll
    static void startApp() throws Exception {
        app = RunningMainApp.start(main -> {
        });
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Override
    protected OrdersApi api() {
        return app.api();
    }
}
