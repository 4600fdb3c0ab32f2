package io.github.camelgcptasks.examples.orders.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The orders app on Spring Boot: Camel's routes are served by Spring MVC's own web server through platform-http, and
 * everything is configured in {@code application.properties}. By default it runs on a Cloud Tasks emulator started
 * in this JVM; see that file to use real Cloud Tasks.
 */
@SpringBootApplication
public class OrdersSpringBootApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersSpringBootApplication.class, args);
    }
}
