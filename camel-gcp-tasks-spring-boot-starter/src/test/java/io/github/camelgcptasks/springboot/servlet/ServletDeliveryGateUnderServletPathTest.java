package io.github.camelgcptasks.springboot.servlet;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Spring MVC's dispatcher servlet under a prefix ({@code spring.mvc.servlet.path}), platform-http serves the
 * consumer below that prefix, and the gate must find the consumer there too: it matches the path within the
 * servlet's mapping, as Spring MVC does.
 */
@SpringBootTest(classes = GateTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "spring.mvc.servlet.path=/api")
class ServletDeliveryGateUnderServletPathTest extends GateTestSupport {

    @Override
    String consumerPath() {
        return "/api" + super.consumerPath();
    }

    @Test
    void anUnauthenticatedBodyBelowTheServletPathIsRefusedUnread() throws Exception {
        LargeBodyClient.Outcome outcome = LargeBodyClient.post(port, consumerPath(), FIFTY_MB, false, null);

        assertThat(outcome.statusLine()).startsWith("HTTP/1.1 401");
        await().atMost(Duration.ofSeconds(10)).until(() -> bodyRead.lastRequestBytes() != null);
        assertThat(bodyRead.lastRequestBytes()).isZero();
        assertThat(delivered().getReceivedCounter()).isZero();
    }

    @Test
    void aDeliveryWithAValidTokenBelowTheServletPathIsRouted() throws Exception {
        LargeBodyClient.Outcome outcome
                = LargeBodyClient.post(port, consumerPath(), 1024, true, "Bearer " + validToken());

        assertThat(outcome.statusLine()).startsWith("HTTP/1.1 200");
        assertThat(delivered().getReceivedCounter()).isEqualTo(1);
        assertThat(delivered().getExchanges().get(0).getMessage().getBody(byte[].class)).hasSize(1024);
    }
}
