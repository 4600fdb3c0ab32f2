package io.github.camelgcptasks.examples.orders;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every variant of the orders app (Java DSL, YAML DSL, Spring Boot) must do over HTTP. Each variant's test
 * starts its app and says where it listens.
 */
public abstract class OrdersApiContract {

    protected abstract OrdersApi api();

    @Test
    protected void anOrderIsQueuedThenProcessedOnItsSecondAttempt() {
        var receipt = api().placeOrder("{\"item\": \"espresso beans\", \"quantity\": 2}");

        assertThat(receipt.get("taskName")).asString().contains("/queues/orders/tasks/");
        // the first delivery fails on purpose, Cloud Tasks retries it
        api().awaitProcessed((String) receipt.get("id"), 2);
    }

    @Test
    protected void anUnknownOrderIsNotFound() {
        assertThat(api().status("no-such-order").statusCode()).isEqualTo(404);
    }
}
