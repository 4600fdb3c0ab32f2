package io.github.camelgcptasks.component;

import java.util.Locale;

import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * Decides which Camel headers become task HTTP headers (producer) and which delivered HTTP headers become Camel
 * headers (consumer). Camel's own headers never leave the route, and the transport headers of the exchange's own
 * HTTP request (Host, Content-Length, User-Agent, Connection, Authorization, ...) are dropped silently, since every
 * exchange that came in over HTTP carries them. The caller's Cookie is dropped too: it is a credential of the incoming
 * request, and a task would store it in Cloud Tasks and replay it to another service. Headers in the namespaces Cloud Tasks reserves (X-CloudTasks-*,
 * X-Google-*, X-AppEngine-*) pass this filter on purpose: the producer refuses a task that carries one with a clear
 * error rather than dropping what a user set deliberately.
 * On delivery (consumer), Authorization never reaches the route, and the X-CloudTasks-* headers are not copied raw:
 * the consumer turns them into the typed CamelGcpTasks* headers instead.
 */
public class GcpTasksHeaderFilterStrategy extends DefaultHeaderFilterStrategy {

    public GcpTasksHeaderFilterStrategy() {
        setOutFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setInFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setLowerCase(true);
        // hop-by-hop and transport headers that describe one HTTP exchange, not the task
        getOutFilter().add("host");
        getOutFilter().add("content-length");
        getOutFilter().add("transfer-encoding");
        getOutFilter().add("connection");
        getOutFilter().add("keep-alive");
        getOutFilter().add("proxy-authorization");
        getOutFilter().add("te");
        getOutFilter().add("trailer");
        getOutFilter().add("upgrade");
        getOutFilter().add("user-agent");
        getOutFilter().add("authorization");
        getOutFilter().add("cookie");
        getInFilter().add("authorization");
        getInFilter().add("proxy-authorization");
        getInFilter().add("content-length");
        getInFilter().add("host");
        getInFilter().add("connection");
        getInFilter().add("transfer-encoding");
    }

    /** Header name prefixes that Cloud Tasks reserves for itself. */
    public static boolean isReservedByCloudTasks(String headerName) {
        String lower = headerName.toLowerCase(Locale.ROOT);
        return lower.startsWith("x-cloudtasks-") || lower.startsWith("x-google-") || lower.startsWith("x-appengine-");
    }

    /** The headers Cloud Tasks adds to each delivery, which the consumer maps to typed CamelGcpTasks* headers. */
    public static boolean isDeliveryHeader(String headerName) {
        return headerName.toLowerCase(Locale.ROOT).startsWith("x-cloudtasks-");
    }

    @Override
    protected boolean extendedFilter(Direction direction, String key, Object value, org.apache.camel.Exchange exchange) {
        return direction == Direction.IN && isDeliveryHeader(key);
    }
}
