package io.github.camelgcptasks.examples.orders;

import org.apache.camel.main.Main;

/** The Java DSL app, with the routes and beans its main class adds. */
class OrdersApplicationTest extends OrdersMainAppContract {

    @Override
    protected void configure(Main main) {
        OrdersApplication.configure(main);
    }
}
