package io.github.camelgcptasks.springboot;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.camelgcptasks.component.GcpTasksComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.StringHelper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Declares the gcp-tasks component and applies the {@code camel.component.gcp-tasks.*} entries of any Spring property
 * source to it, under the names Camel Main uses ({@code project-id} or {@code projectId}). Every option of the
 * component can be set this way; a name that is not an option fails the start, so a typo is not silently ignored.
 * {@code camel.component.gcp-tasks.enabled=false} leaves the component to Camel's own discovery, unconfigured, and an
 * application's own {@link GcpTasksComponent} bean replaces this one.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@ConditionalOnProperty(prefix = GcpTasksComponentAutoConfiguration.PREFIX, name = "enabled", matchIfMissing = true)
public class GcpTasksComponentAutoConfiguration {

    public static final String PREFIX = "camel.component.gcp-tasks";

    private static final String ENABLED = "enabled";

    @Bean("gcp-tasks")
    @ConditionalOnMissingBean(GcpTasksComponent.class)
    public GcpTasksComponent gcpTasksComponent(CamelContext camelContext, Environment environment) {
        GcpTasksComponent component = new GcpTasksComponent();
        Map<String, Object> options = new LinkedHashMap<>();
        Binder.get(environment).bind(PREFIX, Bindable.mapOf(String.class, String.class))
                .orElse(Map.of())
                .forEach((name, value) -> {
                    if (!name.equals(ENABLED)) {
                        options.put(StringHelper.dashToCamelCase(name), value);
                    }
                });
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
