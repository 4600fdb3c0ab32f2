package io.github.camelgcptasks.component.consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * platform-http exists once a route consuming from gcp-tasks is built, before the context starts (which KameletMain
 * needs to set up its HTTP server), and a context whose routes only produce to gcp-tasks never creates it.
 */
class PlatformHttpEarlyResolutionTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void aConsumingRouteCreatesPlatformHttpBeforeTheContextStarts() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:projects/p/locations/l/queues/early").to("mock:early");
            }
        });

        context.init();

        assertThat(context.isStarted()).isFalse();
        assertThat(context.hasComponent("platform-http")).isNotNull();
    }

    @Test
    void producingRoutesNeedNoPlatformHttp() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:produce").to("gcp-tasks:projects/p/locations/l/queues/early?targetUrl=http://localhost/x");
            }
        });

        context.init();

        assertThat(context.hasComponent("gcp-tasks")).isNotNull();
        assertThat(context.hasComponent("platform-http")).isNull();
    }
}
