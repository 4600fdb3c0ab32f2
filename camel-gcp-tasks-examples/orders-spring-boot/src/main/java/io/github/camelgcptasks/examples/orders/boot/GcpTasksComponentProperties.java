package io.github.camelgcptasks.examples.orders.boot;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.camelgcptasks.component.GcpTasksComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.StringHelper;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Applies the {@code camel.component.gcp-tasks.*} entries of {@code application.properties} (or of any other Spring
 * property source) to the gcp-tasks component, under the names Camel Main uses. Camel's component starters do this
 * for their own components; gcp-tasks has no Spring Boot starter, so the application declares the component here.
 */
@Configuration(proxyBeanMethods = false)
public class GcpTasksComponentProperties {

    public static final String PREFIX = "camel.component.gcp-tasks";

    @Bean("gcp-tasks")
    GcpTasksComponent gcpTasksComponent(CamelContext camelContext, Environment environment) {
        GcpTasksComponent component = new GcpTasksComponent();
        Map<String, Object> options = new LinkedHashMap<>();
        Binder.get(environment).bind(PREFIX, Bindable.mapOf(String.class, String.class))
                .orElse(Map.of())
                .forEach((name, value) -> options.put(StringHelper.dashToCamelCase(name), value));
        // mandatory: a misspelt option fails the start instead of being ignored
        PropertyBindingSupport.build()
                .withCamelContext(camelContext)
                .withTarget(component)
                .withConfigurer(component.getComponentPropertyConfigurer())
                .withProperties(options)
                .withIgnoreCase(true)
                .withMandatory(true)
                .bind();
        return component;
    }
}
