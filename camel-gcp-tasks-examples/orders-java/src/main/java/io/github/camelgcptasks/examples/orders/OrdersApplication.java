package io.github.camelgcptasks.examples.orders;

import org.apache.camel.main.Main;

/**
 * The orders app on Camel Main. Configuration comes from {@code application.properties}: by default it runs on a
 * Cloud Tasks emulator started in this JVM; see that file to use real Cloud Tasks.
 */
public final class OrdersApplication {

    private OrdersApplication() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        configure(main);
        main.run(args);
    }

    /** Adds the app's routes and beans to {@code main}; its HTTP server comes from camel.server.* properties. */
    public static void configure(Main main) {
        main.configure().addRoutesBuilder(new OrderRoutes());
        main.bind("orderStore", new OrderStore());
    }
}
