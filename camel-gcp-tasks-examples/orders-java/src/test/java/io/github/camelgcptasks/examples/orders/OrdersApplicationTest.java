package io.github.camelgcptasks.examples.orders;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Starts the app as {@code mvn exec:exec} does, on the embedded emulator and a free port, and uses its HTTP API. */
class OrdersApplicationTest extends OrdersApiContract {

    private static Main main;
    private static OrdersApi api;

    @BeforeAll
    static void startApp() throws Exception {
        int port = OrdersApi.freePort();
        api = OrdersApi.onLocalPort(port);
        main = new Main();
        OrdersApplication.configure(main);
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
