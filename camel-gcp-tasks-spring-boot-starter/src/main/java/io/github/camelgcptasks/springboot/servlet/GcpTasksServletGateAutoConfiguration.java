package io.github.camelgcptasks.springboot.servlet;

import io.github.camelgcptasks.springboot.GcpTasksComponentAutoConfiguration;
import org.apache.camel.CamelContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Puts a {@link ServletDeliveryGate} in front of every gcp-tasks consumer of a servlet web application that serves
 * platform-http through Spring MVC (camel-platform-http-starter). It is ordered before Spring Security's filters and
 * Spring MVC's dispatcher, and acts only on POSTs to a consumer's path; the consumer option {@code earlyRefusal=false}
 * ({@code camel.component.gcp-tasks.early-refusal=false}) turns it off.
 */
@AutoConfiguration(after = GcpTasksComponentAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = {"jakarta.servlet.Filter", "org.springframework.web.filter.OncePerRequestFilter",
                            GcpTasksServletGateAutoConfiguration.SERVLET_ENGINE})
@ConditionalOnBean(CamelContext.class)
public class GcpTasksServletGateAutoConfiguration {

    static final String SERVLET_ENGINE
            = "org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine";

    /** Early, so that nothing before it reads the body: Spring Security's filter chain is at -100. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    public FilterRegistrationBean<ServletDeliveryGate> gcpTasksServletDeliveryGate(CamelContext camelContext) {
        FilterRegistrationBean<ServletDeliveryGate> registration
                = new FilterRegistrationBean<>(new ServletDeliveryGate(new GcpTasksConsumerLookup(camelContext)));
        registration.setName("gcpTasksDeliveryGate");
        registration.setOrder(ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
