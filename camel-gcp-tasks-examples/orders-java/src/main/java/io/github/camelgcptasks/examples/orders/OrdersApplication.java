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

    /** Adds the app's HTTP server, routes and beans to {@code main}. */
    public static void configure(Main main) {
        main.configure().addConfiguration(PlatformHttpServerConfiguration.class);
        main.configure().addRoutesBuilder(new OrderRoutes());
        main.bind("orderStore", new OrderStore());
    }
}
