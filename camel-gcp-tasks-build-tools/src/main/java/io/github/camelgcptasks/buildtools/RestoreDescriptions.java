package io.github.camelgcptasks.buildtools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.tooling.model.BaseOptionModel;
import org.apache.camel.tooling.model.ComponentModel;
import org.apache.camel.tooling.model.JsonMapper;

/**
 * Puts back the characters camel-package-maven-plugin drops from descriptions. Its generator keeps only letters,
 * digits and {@code .,-='/\!&%():;#${}} (JavadocHelper.sanitizeDescription, meant for javadoc), so "RetryCount + 1"
 * became "RetryCount 1" and "X-CloudTasks-*" became "X-CloudTasks-" in the component JSON that the catalog, IDEs, the
 * documentation tables and the Spring Boot metadata read. Each description is replaced by its annotation's text when
 * the two agree on every letter and digit, so only dropped characters come back; the file is written with Camel's own
 * JSON writer, so nothing else changes.
 * <p>
 * Arguments: the endpoint class name, then the component JSON files to update (missing ones are skipped). Run on the
 * classpath of the compiled component.
 */
public final class RestoreDescriptions {

    private RestoreDescriptions() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: RestoreDescriptions ENDPOINT_CLASS COMPONENT_JSON...");
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> endpointClass = Class.forName(args[0], false, loader);
        for (int i = 1; i < args.length; i++) {
            Path json = Path.of(args[i]);
            if (Files.isRegularFile(json)) {
                List<String> stale = restore(json, endpointClass, loader);
                stale.forEach(name -> System.out.println("[WARNING] " + json + ": description of " + name
                                                         + " differs from its annotation; left as generated"));
            }
        }
    }

    /** Rewrites {@code json} with annotated descriptions; returns the options whose text differs beyond punctuation. */
    static List<String> restore(Path json, Class<?> endpointClass, ClassLoader loader) throws IOException,
            ClassNotFoundException {
        String original = Files.readString(json, StandardCharsets.UTF_8);
        ComponentModel model = JsonMapper.generateComponentModel(original);
        Class<?> componentClass = Class.forName(model.getJavaType(), false, loader);
        AnnotatedDescriptions annotated = AnnotatedDescriptions.of(componentClass, endpointClass);

        List<String> stale = new ArrayList<>();
        restore(model.getComponentOptions(), annotated.componentOptions(), "component option ", stale);
        restore(model.getEndpointOptions(), annotated.endpointOptions(), "endpoint option ", stale);
        restore(model.getEndpointHeaders(), annotated.headers(), "header ", stale);

        String updated = JsonMapper.createParameterJsonSchema(model);
        if (!updated.equals(original)) {
            Files.writeString(json, updated, StandardCharsets.UTF_8);
        }
        return stale;
    }

    private static void restore(List<? extends BaseOptionModel> options, Map<String, String> annotated, String kind,
            List<String> stale) {
        for (BaseOptionModel option : options) {
            String written = annotated.get(option.getName());
            String generated = option.getDescription();
            if (written == null || generated == null || written.equals(generated)) {
                continue;
            }
            if (lettersAndDigits(written).equals(lettersAndDigits(generated))) {
                option.setDescription(singleLine(written));
            } else {
                stale.add(kind + option.getName());
            }
        }
    }

    static String lettersAndDigits(String text) {
        return text.replaceAll("[^\\p{L}\\p{N}]", "");
    }

    private static String singleLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
