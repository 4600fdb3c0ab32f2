package io.github.camelgcptasks.examples.orders.yaml;

import io.github.camelgcptasks.examples.orders.OrdersMainAppContract;
import org.apache.camel.main.Main;

/** The YAML app: Camel Main with application.properties, routes from YAML, so nothing to add in code. */
class OrdersYamlApplicationTest extends OrdersMainAppContract {

    @Override
    protected void configure(Main main) {
        // everything comes from application.properties and the YAML routes
    }
}
