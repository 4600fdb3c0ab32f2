package io.github.camelgcptasks.examples.orders.boot;

import io.github.camelgcptasks.examples.orders.OrdersApi;
import io.github.camelgcptasks.examples.orders.OrdersApiContract;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Starts the app on a random port of Spring's own web server, on the embedded emulator, and uses its HTTP API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrdersSpringBootApplicationTest extends OrdersApiContract {

    @LocalServerPort
    private int port;

    @Override
    protected OrdersApi api() {
        return OrdersApi.onLocalPort(port);
    }
}
