package io.github.camelgcptasks.examples.orders.boot;

import io.github.camelgcptasks.examples.orders.OrderRoutes;
import io.github.camelgcptasks.examples.orders.OrderStore;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The orders app on Spring Boot: the same routes as the Camel Main app, served by Spring MVC's own web server through
 * platform-http, and everything configured in {@code application.properties}. By default it runs on a Cloud Tasks
 * emulator started in this JVM; see that file to use real Cloud Tasks.
 */
@SpringBootApplication
public class OrdersSpringBootApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersSpringBootApplication.class, args);
    }

    /** The routes call this bean by the name {@code orderStore}. */
    @Bean
    OrderStore orderStore() {
        return new OrderStore();
    }

    @Bean
    RouteBuilder orderRoutes() {
        return new OrderRoutes();
    }
}
