package io.github.camelgcptasks.examples.orders;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Starts the app as {@code mvn exec:exec} does, on the embedded emulator and a free port, and uses its HTTP API. */
class OrdersApplicationTest extends OrdersApiContract {

    private static RunningMainApp app;

    @BeforeAll
    static void startApp() throws Exception {
        app = RunningMainApp.start(OrdersApplication::configure);
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
