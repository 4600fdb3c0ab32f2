package io.github.camelgcptasks.springboot.servlet;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code earlyRefusal=false} the gate lets everything through, and platform-http on Spring MVC reads the whole
 * body of a caller without a token before the consumer answers 401: what the gate is there to prevent. No container
 * setting bounds it: Tomcat's max-http-form-post-size applies to form bodies only, set here to show it.
 */
@SpringBootTest(classes = GateTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"camel.component.gcp-tasks.early-refusal=false",
                              "server.tomcat.max-http-form-post-size=1MB"})
class ServletDeliveryGateOffTest extends GateTestSupport {

    @Test
    void withoutTheGateAnUnauthenticatedChunkedBodyIsReadWholeBeforeThe401() throws Exception {
        LargeBodyClient.Outcome outcome = LargeBodyClient.post(port, consumerPath(), FIFTY_MB, false, null);

        assertThat(outcome.statusLine()).startsWith("HTTP/1.1 401");
        await().atMost(Duration.ofSeconds(30)).until(() -> bodyRead.lastRequestBytes() != null);
        assertThat(bodyRead.lastRequestBytes()).isEqualTo(FIFTY_MB);
        assertThat(outcome.bytesWritten()).isEqualTo(FIFTY_MB);
        assertThat(delivered().getReceivedCounter()).isZero();
    }
}
