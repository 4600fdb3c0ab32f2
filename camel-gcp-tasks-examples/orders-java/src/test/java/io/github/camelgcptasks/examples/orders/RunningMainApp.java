package io.github.camelgcptasks.examples.orders;

import java.util.function.Consumer;

import org.apache.camel.main.Main;

/** A Camel Main variant of the orders app started on a free port, as {@code mvn exec:exec} starts it. */
public final class RunningMainApp implements AutoCloseable {

    private final Main main;
    private final OrdersApi api;

    private RunningMainApp(Main main, OrdersApi api) {
        this.main = main;
        this.api = api;
    }

    /**
     * @param configure adds what the variant's own main class adds (routes, beans) before start; properties come from
     *                  its application.properties
     */
    public static RunningMainApp start(Consumer<Main> configure) throws Exception {
        int port = OrdersApi.freePort();
        Main main = new Main();
        configure.accept(main);
        main.addOverrideProperty("camel.server.port", String.valueOf(port));
        main.start();
        return new RunningMainApp(main, OrdersApi.onLocalPort(port));
    }

    public OrdersApi api() {
        return api;
    }

    @Override
    public void close() {
        main.stop();
    }
}
