package io.github.camelgcptasks.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's META-INF/spring-configuration-metadata.json, as an IDE reads it: one property per component option
 * of gcp-tasks.json, with the option's description, a type the IDE can check values against, and value hints.
 */
class SpringConfigurationMetadataTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "camel.component.gcp-tasks.";

    @Test
    void everyComponentOptionIsAPropertyWithItsDescription() throws IOException {
        Map<String, JsonNode> properties = properties();
        JsonNode options = resource("META-INF/io/github/camelgcptasks/component/gcp-tasks.json")
                .path("componentProperties");

        assertThat(options.size()).isGreaterThan(20);
        options.fields().forEachRemaining(option -> {
            String name = PREFIX + option.getKey().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            assertThat(properties).as("metadata for component option %s", option.getKey()).containsKey(name);
            assertThat(properties.get(name).path("description").asText())
                    .isEqualTo(option.getValue().path("description").asText());
        });
        assertThat(properties).hasSize(options.size() + 1).containsKey(PREFIX + "enabled");
    }

    @Test
    void typesAndDefaultsAreWhatSpringBootBinds() throws IOException {
        Map<String, JsonNode> properties = properties();
        assertThat(properties.get(PREFIX + "project-id").path("type").asText()).isEqualTo("java.lang.String");
        assertThat(properties.get(PREFIX + "authenticate").path("type").asText()).isEqualTo("java.lang.Boolean");
        assertThat(properties.get(PREFIX + "authenticate").path("defaultValue").asBoolean()).isTrue();
        assertThat(properties.get(PREFIX + "max-delivery-attempts").path("type").asText()).isEqualTo("java.lang.Integer");
        assertThat(properties.get(PREFIX + "dispatch-deadline").path("type").asText()).isEqualTo("java.time.Duration");
        assertThat(properties.get(PREFIX + "enabled").path("defaultValue").asBoolean()).isTrue();
    }

    @Test
    void enumOptionsHintTheirValues() throws IOException {
        JsonNode hint = null;
        for (JsonNode candidate : resource("META-INF/spring-configuration-metadata.json").path("hints")) {
            if (candidate.path("name").asText().equals(PREFIX + "operation")) {
                hint = candidate;
            }
        }
        assertThat(hint).as("hint for operation").isNotNull();
        assertThat(hint.path("values").findValuesAsText("value")).contains("createTask", "listQueues", "purgeQueue");
    }

    private static Map<String, JsonNode> properties() throws IOException {
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode property : resource("META-INF/spring-configuration-metadata.json").path("properties")) {
            assertThat(byName.put(property.path("name").asText(), property)).as("a second %s", property).isNull();
        }
        return byName;
    }

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = SpringConfigurationMetadataTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return JSON.readTree(in);
        }
    }
}
