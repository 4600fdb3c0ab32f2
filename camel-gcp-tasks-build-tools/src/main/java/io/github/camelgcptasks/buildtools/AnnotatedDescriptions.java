package io.github.camelgcptasks.buildtools;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/**
 * The option and header descriptions exactly as a component's annotations write them, read by reflection from the
 * compiled classes: the {@code @Metadata} fields of the component (and of its {@code @UriParams} configuration), the
 * {@code @UriPath} and {@code @UriParam} fields of the endpoint (and of its configuration), and the {@code @Metadata}
 * constants of the endpoint's headers class. Superclasses count too, so inherited Camel options are included.
 */
public record AnnotatedDescriptions(Map<String, String> componentOptions, Map<String, String> endpointOptions,
        Map<String, String> headers) {

    public static AnnotatedDescriptions of(Class<?> componentClass, Class<?> endpointClass) {
        Map<String, String> componentOptions = new LinkedHashMap<>();
        collectComponentOptions(componentClass, componentOptions);
        Map<String, String> endpointOptions = new LinkedHashMap<>();
        collectEndpointOptions(endpointClass, endpointOptions);
        Map<String, String> headers = new LinkedHashMap<>();
        UriEndpoint uriEndpoint = endpointClass.getAnnotation(UriEndpoint.class);
        if (uriEndpoint != null && uriEndpoint.headersClass() != void.class) {
            collectHeaders(uriEndpoint.headersClass(), headers);
        }
        return new AnnotatedDescriptions(componentOptions, endpointOptions, headers);
    }

    private static void collectComponentOptions(Class<?> type, Map<String, String> into) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                Metadata metadata = field.getAnnotation(Metadata.class);
                if (metadata == null || Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                putIfText(into, field.getName(), metadata.description());
                if (field.getType().isAnnotationPresent(UriParams.class)) {
                    // the component's configuration: its options are the component's options too
                    collectEndpointOptions(field.getType(), into);
                }
            }
        }
    }

    private static void collectEndpointOptions(Class<?> type, Map<String, String> into) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                UriPath path = field.getAnnotation(UriPath.class);
                UriParam param = field.getAnnotation(UriParam.class);
                Metadata metadata = field.getAnnotation(Metadata.class);
                if (path != null) {
                    putIfText(into, nameOf(path.name(), field), firstText(path.description(), metadata));
                } else if (param != null) {
                    if (field.getType().isAnnotationPresent(UriParams.class)) {
                        collectEndpointOptions(field.getType(), into);
                    } else {
                        putIfText(into, nameOf(param.name(), field), firstText(param.description(), metadata));
                    }
                }
            }
        }
    }

    private static void collectHeaders(Class<?> headersClass, Map<String, String> into) {
        for (Field field : headersClass.getFields()) {
            Metadata metadata = field.getAnnotation(Metadata.class);
            if (metadata != null && Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    putIfText(into, (String) field.get(null), metadata.description());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("Cannot read header constant " + field, e);
                }
            }
        }
    }

    private static String nameOf(String annotatedName, Field field) {
        return annotatedName == null || annotatedName.isEmpty() ? field.getName() : annotatedName;
    }

    private static String firstText(String description, Metadata metadata) {
        if (description != null && !description.isBlank()) {
            return description;
        }
        return metadata != null ? metadata.description() : null;
    }

    private static void putIfText(Map<String, String> into, String name, String description) {
        if (description != null && !description.isBlank()) {
            into.putIfAbsent(name, description);
        }
    }
}
