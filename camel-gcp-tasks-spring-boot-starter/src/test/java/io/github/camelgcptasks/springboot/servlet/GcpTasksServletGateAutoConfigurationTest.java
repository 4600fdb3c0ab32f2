package io.github.camelgcptasks.springboot.servlet;

import io.github.camelgcptasks.springboot.GcpTasksComponentAutoConfiguration;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;

class GcpTasksServletGateAutoConfigurationTest {

    private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(CamelAutoConfiguration.class,
            GcpTasksComponentAutoConfiguration.class, GcpTasksServletGateAutoConfiguration.class);

    @Test
    void aServletWebApplicationGetsTheGateBeforeSpringSecurity() {
        new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS).run(context -> {
            FilterRegistrationBean<?> gate = context.getBean(FilterRegistrationBean.class);
            assertThat(gate.getFilter()).isInstanceOf(ServletDeliveryGate.class);
            assertThat(gate.getUrlPatterns()).containsExactly("/*");
            // Spring Security's filter chain is registered at order -100
            assertThat(gate.getOrder()).isLessThan(-100);
        });
    }

    @Test
    void anApplicationWithoutAServletWebServerGetsNoGate() {
        new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FilterRegistrationBean.class));
    }
}
