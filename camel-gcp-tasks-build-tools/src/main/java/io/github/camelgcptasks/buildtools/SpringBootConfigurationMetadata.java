package io.github.camelgcptasks.buildtools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.tooling.model.ComponentModel;
import org.apache.camel.tooling.model.ComponentModel.ComponentOptionModel;
import org.apache.camel.tooling.model.JsonMapper;

/**
 * Writes {@code META-INF/spring-configuration-metadata.json} for a Spring Boot starter from the component JSON Camel's
 * tooling generates: one {@code camel.component.SCHEME.*} property per component option (name in kebab case, type,
 * description, default, deprecation), value hints for enum options, and {@code camel.component.SCHEME.enabled}. IDEs
 * read it to complete and document {@code application.properties}; generated at each build, it follows the options.
 * <p>
 * Arguments: the component JSON as a classpath resource, the Spring Boot auto-configuration class, the output file.
 */
public final class SpringBootConfigurationMetadata {

    private static final Map<String, String> BOXED = Map.of(
            "boolean", "java.lang.Boolean", "int", "java.lang.Integer", "long", "java.lang.Long",
            "double", "java.lang.Double", "float", "java.lang.Float", "short", "java.lang.Short",
            "byte", "java.lang.Byte", "char", "java.lang.Character");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SpringBootConfigurationMetadata() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException(
                    "usage: SpringBootConfigurationMetadata COMPONENT_JSON_RESOURCE AUTO_CONFIGURATION_CLASS OUTPUT");
        }
        ComponentModel model;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(args[0])) {
            if (in == null) {
                throw new IllegalArgumentException("Component JSON not on the classpath: " + args[0]);
            }
            model = JsonMapper.generateComponentModel(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Path output = Path.of(args[2]);
        Files.createDirectories(output.getParent());
        Files.writeString(output, JSON.writeValueAsString(metadata(model, args[1])) + "\n", StandardCharsets.UTF_8);
    }

    static ObjectNode metadata(ComponentModel model, String autoConfigurationClass) {
        String prefix = "camel.component." + model.getScheme();
        ObjectNode root = JSON.createObjectNode();
        root.putArray("groups").addObject()
                .put("name", prefix)
                .put("type", model.getJavaType())
                .put("sourceType", autoConfigurationClass);

        ArrayNode properties = root.putArray("properties");
        properties.addObject()
                .put("name", prefix + ".enabled")
                .put("type", "java.lang.Boolean")
                .put("description", "Whether to enable auto configuration of the " + model.getScheme()
                                    + " component. This is enabled by default.")
                .put("sourceType", autoConfigurationClass)
                .put("defaultValue", true);
        ArrayNode hints = root.putArray("hints");
        for (ComponentOptionModel option : model.getComponentOptions()) {
            String name = prefix + "." + kebabCase(option.getName());
            ObjectNode property = properties.addObject()
                    .put("name", name)
                    .put("type", springType(option))
                    .put("description", option.getDescription())
                    .put("sourceType", model.getJavaType());
            putDefault(property, option);
            if (option.isDeprecated()) {
                property.put("deprecated", true).putObject("deprecation").put("level", "warning");
            }
            List<String> enums = option.getEnums();
            if (enums != null && !enums.isEmpty()) {
                ArrayNode values = hints.addObject().put("name", name).putArray("values");
                enums.forEach(value -> values.addObject().put("value", value));
            }
        }
        return root;
    }

    /** Durations are written like 30s or 5m, which Spring's Duration type accepts; primitives take their box. */
    static String springType(ComponentOptionModel option) {
        if ("duration".equals(option.getType())) {
            return "java.time.Duration";
        }
        String javaType = option.getJavaType();
        return BOXED.getOrDefault(javaType, javaType);
    }

    private static void putDefault(ObjectNode property, ComponentOptionModel option) {
        Object value = option.getDefaultValue();
        if (value == null || "".equals(value)) {
            return;
        }
        if (value instanceof Boolean b) {
            property.put("defaultValue", b);
        } else if (value instanceof Number && ("integer".equals(option.getType()) || "number".equals(option.getType()))) {
            property.put("defaultValue", ((Number) value).longValue());
        } else {
            property.put("defaultValue", value.toString());
        }
    }

    static String kebabCase(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
