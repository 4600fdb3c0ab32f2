package io.github.camelgcptasks.springboot.servlet;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelgcptasks.component.consumer.GcpTasksConsumer;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Finds the running gcp-tasks consumer a request is for, by its path within the application, matched the way Spring
 * MVC matches platform-http's mappings ({@code {name}} is a path parameter). That path leaves out the context path and
 * the dispatcher servlet's prefix ({@code spring.mvc.servlet.path}), as Spring MVC's own matching does. Consumers come
 * and go with their routes, so they are looked up on each request.
 */
final class GcpTasksConsumerLookup {

    private final CamelContext camelContext;
    private final Map<String, PathPattern> patterns = new ConcurrentHashMap<>();

    GcpTasksConsumerLookup(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    Optional<GcpTasksConsumer> find(HttpServletRequest request) {
        PathContainer path = null;
        for (Route route : camelContext.getRoutes()) {
            if (route.getConsumer() instanceof GcpTasksConsumer consumer && consumer.isRunAllowed()) {
                if (path == null) {
                    path = ServletRequestPathUtils.parse(request).pathWithinApplication();
                }
                if (patterns.computeIfAbsent(consumer.getHttpPath(), PathPatternParser.defaultInstance::parse)
                        .matches(path)) {
                    return Optional.of(consumer);
                }
            }
        }
        return Optional.empty();
    }
}
