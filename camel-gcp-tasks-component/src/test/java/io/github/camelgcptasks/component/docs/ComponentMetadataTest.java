package io.github.camelgcptasks.component.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.github.camelgcptasks.buildtools.AnnotatedDescriptions;
import io.github.camelgcptasks.component.GcpTasksComponent;
import io.github.camelgcptasks.component.GcpTasksEndpoint;
import org.apache.camel.tooling.model.BaseOptionModel;
import org.apache.camel.tooling.model.ComponentModel;
import org.apache.camel.tooling.model.JsonMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the jar tells Camel's tooling (catalog, JBang, IDE plugins): the component descriptor, and option and header
 * descriptions as the code writes them.
 */
class ComponentMetadataTest {

    private static final String JSON = "/META-INF/io/github/camelgcptasks/component/gcp-tasks.json";

    @Test
    void descriptionsKeepTheirPlusAndStar() throws IOException {
        ComponentModel model = model();
        assertThat(endpointOption(model, "maxDeliveryAttempts").getDescription())
                .contains("X-CloudTasks-TaskRetryCount + 1");
        assertThat(endpointOption(model, "headerFilterStrategy").getDescription())
                .contains("(X-CloudTasks-*, X-Google-*, X-AppEngine-*)");
    }

    @Test
    void everyDescriptionIsTheTextOfItsAnnotation() throws IOException {
        ComponentModel model = model();
        AnnotatedDescriptions annotated = AnnotatedDescriptions.of(GcpTasksComponent.class, GcpTasksEndpoint.class);
        List<String> differing = new ArrayList<>();
        compare("component option ", model.getComponentOptions(), annotated.componentOptions(), differing);
        compare("endpoint option ", model.getEndpointOptions(), annotated.endpointOptions(), differing);
        compare("header ", model.getEndpointHeaders(), annotated.headers(), differing);
        assertThat(differing).as("descriptions that differ from their annotation").isEmpty();
        assertThat(annotated.endpointOptions()).containsKeys("queue", "dispatchDeadline", "bridgeErrorHandler");
    }

    @Test
    void theJarDeclaresItsComponentForCamelTooling() throws IOException {
        Properties descriptor = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/services/org/apache/camel/component.properties")) {
            assertThat(in).as("component.properties").isNotNull();
            descriptor.load(in);
        }
        assertThat(descriptor).containsEntry("components", "gcp-tasks")
                .containsEntry("groupId", "io.github.camelgcptasks")
                .containsEntry("artifactId", "camel-gcp-tasks");
    }

    private static void compare(String kind, List<? extends BaseOptionModel> options, Map<String, String> annotated,
            List<String> differing) {
        for (BaseOptionModel option : options) {
            String written = annotated.get(option.getName());
            if (written != null && !written.replaceAll("\\s+", " ").trim().equals(option.getDescription())) {
                differing.add(kind + option.getName() + ": " + option.getDescription());
            }
        }
    }

    private static BaseOptionModel endpointOption(ComponentModel model, String name) {
        return model.getEndpointOptions().stream().filter(o -> o.getName().equals(name)).findFirst().orElseThrow();
    }

    private static ComponentModel model() throws IOException {
        try (InputStream in = ComponentMetadataTest.class.getResourceAsStream(JSON)) {
            assertThat(in).as(JSON).isNotNull();
            return JsonMapper.generateComponentModel(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
