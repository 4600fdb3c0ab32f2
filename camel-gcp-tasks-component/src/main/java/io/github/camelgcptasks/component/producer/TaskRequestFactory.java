package io.github.camelgcptasks.component.producer;

import java.lang.reflect.Array;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import com.google.cloud.tasks.v2.CreateTaskRequest;
import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.OAuthToken;
import com.google.cloud.tasks.v2.OidcToken;
import com.google.cloud.tasks.v2.QueueName;
import com.google.cloud.tasks.v2.Task;
import io.github.camelgcptasks.component.GcpTasksConfiguration;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.component.GcpTasksEndpoint;
import io.github.camelgcptasks.component.GcpTasksInvalidInputException;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * Builds the CreateTask request an exchange stands for, and checks it with {@link TaskInputValidator} before it is
 * sent:
 * <ul>
 * <li>body: see {@link TaskBodyEncoder};</li>
 * <li>HTTP headers: every exchange header the endpoint's {@link HeaderFilterStrategy} lets out, its value as text (a
 * collection or array as comma-separated values, as RFC 9110 allows);</li>
 * <li>URL: {@code targetUrl}, else {@code targetBaseUrl} followed by the consumer path of this queue
 * ({@code /gcp-tasks/{queueId}} unless the endpoint's {@code path} says otherwise), else an error naming both
 * options;</li>
 * <li>method: {@code httpMethod};</li>
 * <li>schedule time: the {@link GcpTasksConstants#SCHEDULE_TIME} header, else now plus {@code scheduleDelay}, else
 * left to Cloud Tasks (now);</li>
 * <li>task name: the {@link GcpTasksConstants#TASK_NAME} header (short id or full name), else left to Cloud Tasks;</li>
 * <li>dispatch deadline: the {@link GcpTasksConstants#DISPATCH_DEADLINE} header, else {@code dispatchDeadline}, else
 * left to Cloud Tasks (10 minutes);</li>
 * <li>token: an OIDC token when {@code oidcServiceAccountEmail} is set (audience {@code oidcAudience}, by default the
 * task URL), else an OAuth token when {@code oauthServiceAccountEmail} is set (scope {@code oauthScope}).</li>
 * </ul>
 */
public final class TaskRequestFactory {

    private final GcpTasksEndpoint endpoint;
    private final TaskBodyEncoder bodyEncoder;
    private final Clock clock;

    public TaskRequestFactory(GcpTasksEndpoint endpoint, TaskBodyEncoder bodyEncoder, Clock clock) {
        this.endpoint = endpoint;
        this.bodyEncoder = bodyEncoder;
        this.clock = clock;
    }

    /** The request for the exchange's body. */
    public CreateTaskRequest create(Exchange exchange) {
        return create(exchange, exchange.getMessage().getBody(), true);
    }

    /**
     * The request for one body with the exchange's headers.
     *
     * @param namedByHeader whether the {@link GcpTasksConstants#TASK_NAME} header may name the task; a batch passes
     *                      false, as one name cannot serve many tasks
     */
    public CreateTaskRequest create(Exchange exchange, Object body, boolean namedByHeader) {
        GcpTasksConfiguration config = endpoint.getConfiguration();
        QueueName queue = endpoint.getQueueReference().queueName();
        Instant now = clock.instant();

        String url = url(config);
        HttpRequest.Builder http = HttpRequest.newBuilder()
                .setUrl(url)
                .setHttpMethod(httpMethod(config.getHttpMethod()));
        copyHeaders(exchange, http);
        TaskBodyEncoder.EncodedBody encoded = bodyEncoder.encode(exchange, body);
        http.setBody(encoded.bytes());
        if (encoded.json() && !hasHeader(http, "Content-Type")) {
            http.putHeaders("Content-Type", "application/json");
        }
        if (notBlank(config.getOidcServiceAccountEmail())) {
            OidcToken.Builder token = OidcToken.newBuilder().setServiceAccountEmail(config.getOidcServiceAccountEmail());
            if (notBlank(config.getOidcAudience())) {
                token.setAudience(config.getOidcAudience());
            }
            http.setOidcToken(token);
        } else if (notBlank(config.getOauthServiceAccountEmail())) {
            OAuthToken.Builder token
                    = OAuthToken.newBuilder().setServiceAccountEmail(config.getOauthServiceAccountEmail());
            if (notBlank(config.getOauthScope())) {
                token.setScope(config.getOauthScope());
            }
            http.setOauthToken(token);
        }

        Task.Builder task = Task.newBuilder().setHttpRequest(http);
        Object name = exchange.getMessage().getHeader(GcpTasksConstants.TASK_NAME);
        if (name != null) {
            if (!namedByHeader) {
                throw new GcpTasksInvalidInputException("taskName", GcpTasksConstants.TASK_NAME + " '" + name
                                                                    + "' cannot name the tasks of a batch, as one name"
                                                                    + " serves only one task: remove the header");
            }
            task.setName(TaskNames.forCreate(name.toString(), queue).toString());
        }
        Object scheduleHeader = exchange.getMessage().getHeader(GcpTasksConstants.SCHEDULE_TIME);
        if (scheduleHeader != null) {
            Instant at = TimeValues.scheduleTime(scheduleHeader);
            TaskInputValidator.checkScheduleTime(at, now, GcpTasksConstants.SCHEDULE_TIME);
            task.setScheduleTime(TimeValues.toTimestamp(at));
        } else if (config.getScheduleDelay() != 0) {
            Duration delay = Duration.ofMillis(config.getScheduleDelay());
            TaskInputValidator.checkScheduleDelay(delay);
            task.setScheduleTime(TimeValues.toTimestamp(now.plus(delay)));
        }
        Object deadlineHeader = exchange.getMessage().getHeader(GcpTasksConstants.DISPATCH_DEADLINE);
        if (deadlineHeader != null) {
            Duration deadline = TimeValues.dispatchDeadline(deadlineHeader);
            TaskInputValidator.checkDispatchDeadline(deadline, GcpTasksConstants.DISPATCH_DEADLINE);
            task.setDispatchDeadline(TimeValues.toProto(deadline));
        } else if (config.getDispatchDeadline() != 0) {
            Duration deadline = Duration.ofMillis(config.getDispatchDeadline());
            TaskInputValidator.checkDispatchDeadline(deadline, "option dispatchDeadline");
            task.setDispatchDeadline(TimeValues.toProto(deadline));
        }

        Task built = task.build();
        TaskInputValidator.checkTask(built);
        return CreateTaskRequest.newBuilder().setParent(queue.toString()).setTask(built).build();
    }

    /** The URL tasks of this endpoint are sent to, or an error naming both options that set it. */
    public String url(GcpTasksConfiguration config) {
        if (notBlank(config.getTargetUrl())) {
            return config.getTargetUrl().trim();
        }
        if (notBlank(config.getTargetBaseUrl())) {
            String base = config.getTargetBaseUrl().trim();
            String path = endpoint.getConsumerPath();
            while (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            String trimmedPath = path;
            while (trimmedPath.startsWith("/")) {
                trimmedPath = trimmedPath.substring(1);
            }
            return base + "/" + trimmedPath;
        }
        throw new GcpTasksInvalidInputException("targetUrl", "no task URL: set targetUrl (the full URL tasks are sent"
                                                             + " to) or targetBaseUrl (tasks then go to targetBaseUrl + "
                                                             + endpoint.getConsumerPath() + ")");
    }

    static HttpMethod httpMethod(String name) {
        String method = name == null || name.isBlank() ? "POST" : name.trim().toUpperCase(Locale.ROOT);
        try {
            HttpMethod parsed = HttpMethod.valueOf(method);
            if (parsed != HttpMethod.HTTP_METHOD_UNSPECIFIED && parsed != HttpMethod.UNRECOGNIZED) {
                return parsed;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new GcpTasksInvalidInputException("httpMethod", "httpMethod '" + name + "' is not one Cloud Tasks"
                                                              + " supports: POST, GET, HEAD, PUT, DELETE, PATCH or"
                                                              + " OPTIONS");
    }

    private void copyHeaders(Exchange exchange, HttpRequest.Builder http) {
        HeaderFilterStrategy filter = endpoint.getHeaderFilterStrategy();
        for (Map.Entry<String, Object> header : exchange.getMessage().getHeaders().entrySet()) {
            String name = header.getKey();
            Object value = header.getValue();
            if (value == null || filter != null && filter.applyFilterToCamelHeaders(name, value, exchange)) {
                continue;
            }
            http.putHeaders(name, headerValue(exchange, value));
        }
    }

    private static String headerValue(Exchange exchange, Object value) {
        if (value instanceof Collection<?> values) {
            StringJoiner joined = new StringJoiner(", ");
            values.forEach(v -> joined.add(String.valueOf(v)));
            return joined.toString();
        }
        if (value.getClass().isArray() && !(value instanceof byte[])) {
            StringJoiner joined = new StringJoiner(", ");
            for (int i = 0; i < Array.getLength(value); i++) {
                joined.add(String.valueOf(Array.get(value, i)));
            }
            return joined.toString();
        }
        String text = exchange.getContext().getTypeConverter().convertTo(String.class, exchange, value);
        return text != null ? text : value.toString();
    }

    private static boolean hasHeader(HttpRequest.Builder http, String name) {
        return http.getHeadersMap().keySet().stream().anyMatch(name::equalsIgnoreCase);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
