package io.github.camelgcptasks.builder.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.camelgcptasks.builder.endpoint.dsl.GcpTasksEndpointBuilderFactory;
import org.apache.camel.tooling.model.ComponentModel;
import org.apache.camel.tooling.model.ComponentModel.EndpointOptionModel;
import org.apache.camel.tooling.model.JsonMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint DSL is generated from gcp-tasks.json at build; this fails when an endpoint option has no builder method
 * where a route would look for it: consumer options on the consumer builders, producer options on the producer
 * builders, common ones on all, advanced ones behind {@code advanced()}.
 */
class GcpTasksEndpointBuilderFactoryTest {

    @Test
    void everyEndpointOptionHasABuilderMethodOnEachBuilderThatTakesIt() throws IOException {
        List<String> missing = new ArrayList<>();
        for (EndpointOptionModel option : componentModel().getEndpointParameterOptions()) {
            for (Class<?> builder : buildersFor(option)) {
                if (!methodNames(builder).contains(option.getName())) {
                    missing.add(builder.getSimpleName() + "." + option.getName());
                }
            }
        }
        assertThat(missing).as("options without a builder method").isEmpty();
        assertThat(componentModel().getEndpointParameterOptions()).hasSizeGreaterThan(20);
    }

    @Test
    void theStaticEntryPointBuildsAGcpTasksUri() throws Exception {
        String uri = StaticEndpointBuilders.gcpTasks("orders").dispatchDeadline("2m").targetBaseUrl("https://a.run.app")
                .getRawUri();
        assertThat(uri).startsWith("gcp-tasks://orders?").contains("dispatchDeadline=2m")
                .contains("targetBaseUrl=https://a.run.app");
    }

    private static List<Class<?>> buildersFor(EndpointOptionModel option) {
        String label = option.getLabel() == null ? "" : option.getLabel();
        boolean advanced = label.contains("advanced");
        List<Class<?>> builders = new ArrayList<>();
        if (!label.contains("producer")) {
            builders.add(advanced ? GcpTasksEndpointBuilderFactory.AdvancedGcpTasksEndpointConsumerBuilder.class
                    : GcpTasksEndpointBuilderFactory.GcpTasksEndpointConsumerBuilder.class);
        }
        if (!label.contains("consumer")) {
            builders.add(advanced ? GcpTasksEndpointBuilderFactory.AdvancedGcpTasksEndpointProducerBuilder.class
                    : GcpTasksEndpointBuilderFactory.GcpTasksEndpointProducerBuilder.class);
        }
        return builders;
    }

    private static Set<String> methodNames(Class<?> builder) {
        return Arrays.stream(builder.getMethods()).map(Method::getName).collect(Collectors.toSet());
    }

    private static ComponentModel componentModel() throws IOException {
        try (InputStream in = GcpTasksEndpointBuilderFactoryTest.class.getResourceAsStream(
                "/META-INF/io/github/camelgcptasks/component/gcp-tasks.json")) {
            assertThat(in).as("gcp-tasks.json on the classpath").isNotNull();
            return JsonMapper.generateComponentModel(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
