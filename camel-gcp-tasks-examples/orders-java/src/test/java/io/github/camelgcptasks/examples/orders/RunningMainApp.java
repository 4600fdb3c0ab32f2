package io.github.camelgcptasks.examples.orders;

import java.util.function.BiConsumer;

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
     * @param configure adds what the variant's own main class adds (routes, beans) before start, and any override
     *                  property; it is given the API of the free port the app will listen on. Other properties come
     *                  from the variant's application.properties
     */
    public static RunningMainApp start(BiConsumer<Main, OrdersApi> configure) throws Exception {
        int port = OrdersApi.freePort();
        OrdersApi api = OrdersApi.onLocalPort(port);
        Main main = new Main();
        configure.accept(main, api);
        main.addOverrideProperty("camel.server.port", String.valueOf(port));
        main.start();
        return new RunningMainApp(main, api);
    }

    public OrdersApi api() {
        return api;
    }

    @Override
    public void close() {
        main.stop();
    }
}
