package io.github.camelgcptasks.component.consumer;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelgcptasks.component.GcpTasksConfiguration;
import io.github.camelgcptasks.component.GcpTasksEndpoint;
import io.github.camelgcptasks.component.consumer.security.DeliveryAuthenticator;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Suspendable;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the tasks Cloud Tasks delivers to this queue. It creates and owns a POST consumer on the
 * {@code platform-http} component at the endpoint's consumer path, so it runs on whichever HTTP engine the
 * application has (Vert.x under Camel Main and Quarkus, Spring MVC under Spring Boot), and starts, suspends, resumes
 * and stops it with itself. Each request goes through a {@link DeliveryHandler}; other methods on the path get 405
 * from the engine.
 */
public class GcpTasksConsumer extends DefaultConsumer implements Suspendable {

    private static final Logger LOG = LoggerFactory.getLogger(GcpTasksConsumer.class);

    private Consumer delegate;
    private DeliveryHandler handler;
    private DeadLetterPolicy deadLetterPolicy;
    private DeliveryAuthenticator authenticator;
    private IdempotentRepository idempotentRepository;

    public GcpTasksConsumer(GcpTasksEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public GcpTasksEndpoint getEndpoint() {
        return (GcpTasksEndpoint) super.getEndpoint();
    }

    @Override
    public boolean isHostedService() {
        return true;
    }

    /** The platform-http consumer this consumer owns; null before it is initialized. */
    public Consumer getDelegate() {
        return delegate;
    }

    /** The platform-http endpoint URI this consumer registers: POST only, exceptions never written out. */
    public String getPlatformHttpUri() {
        String path = getEndpoint().getConsumerPath().trim();
        if (path.contains("?") || path.contains("#")) {
            throw new IllegalArgumentException("path '" + path + "' must not contain a query or a fragment");
        }
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        // populateBodyWithForm=false: a task body is delivered as-is, even with a form content type
        return "platform-http:" + path + "?httpMethodRestrict=POST&muteException=true&populateBodyWithForm=false";
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        GcpTasksEndpoint endpoint = getEndpoint();
        GcpTasksConfiguration configuration = endpoint.getConfiguration();
        CamelContext context = endpoint.getCamelContext();

        deadLetterPolicy = new DeadLetterPolicy(context, configuration.getMaxDeliveryAttempts(),
                                                configuration.getDeadLetterUri());
        authenticator = DeliveryAuthenticator.fromConfiguration(configuration).orElse(null);
        idempotentRepository = configuration.getIdempotentRepository();
        IdempotentDeliveryGuard guard
                = idempotentRepository != null ? new IdempotentDeliveryGuard(idempotentRepository) : null;
        handler = new DeliveryHandler(
                this, authenticator,
                new DeliveryRequestValidator(endpoint.getQueueReference().queueId(),
                                             configuration.isValidateDeliveryHeaders()),
                new DeliveryBodyUnmarshaller(resolveUnmarshalType(context, configuration.getUnmarshalType()),
                                             findObjectMapper(context)),
                guard, deadLetterPolicy, endpoint.getHeaderFilterStrategy());

        Endpoint http = context.getEndpoint(getPlatformHttpUri());
        delegate = http.createConsumer(handler);
        if (delegate instanceof RouteIdAware routeIdAware) {
            routeIdAware.setRouteId(getRouteId());
        }
        ServiceHelper.initService(delegate);
    }

    private static Class<?> resolveUnmarshalType(CamelContext context, String unmarshalType) throws ClassNotFoundException {
        if (unmarshalType == null || unmarshalType.isBlank()) {
            return null;
        }
        return context.getClassResolver().resolveMandatoryClass(unmarshalType.trim());
    }

    private static ObjectMapper findObjectMapper(CamelContext context) {
        // a single ObjectMapper bean is the application's JSON configuration; use it like camel-jackson does
        return CamelContextHelper.findSingleByType(context, ObjectMapper.class);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ServiceHelper.startService(deadLetterPolicy, idempotentRepository);
        warnAboutSecurity();
        ServiceHelper.startService(delegate);
        LOG.info("Receiving Cloud Tasks deliveries for queue {} on POST {}", getEndpoint().getQueueReference().queueId(),
                 getEndpoint().getConsumerPath());
    }

    private void warnAboutSecurity() {
        String path = getEndpoint().getConsumerPath();
        if (authenticator == null) {
            LOG.warn("The gcp-tasks consumer on {} accepts requests from anyone: it verifies no OIDC token. Set"
                     + " oidcServiceAccountEmail (or allowedServiceAccounts) to the service account your tasks are"
                     + " signed with, and oidcAudience to the audience they carry, to accept only Cloud Tasks.",
                     path);
            return;
        }
        if (authenticator.getAllowedAccounts().isEmpty()) {
            LOG.warn("The gcp-tasks consumer on {} accepts a valid OIDC token of any account with the right audience."
                     + " Set allowedServiceAccounts (or oidcServiceAccountEmail) to accept only your tasks' account.",
                     path);
        }
        if (authenticator.getAudience() == null) {
            LOG.info("The gcp-tasks consumer on {} expects OIDC tokens whose audience is the request URL; behind a proxy"
                     + " or load balancer that URL can differ from the task URL, so set oidcAudience there.", path);
        }
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(delegate);
        ServiceHelper.stopService(deadLetterPolicy);
        super.doStop();
    }

    @Override
    protected void doShutdown() throws Exception {
        ServiceHelper.stopAndShutdownService(delegate);
        super.doShutdown();
    }

    @Override
    protected void doSuspend() throws Exception {
        // the handler answers 503 while suspended too, whatever the engine does for a suspended consumer
        ServiceHelper.suspendService(delegate);
        super.doSuspend();
    }

    @Override
    protected void doResume() throws Exception {
        ServiceHelper.resumeService(delegate);
        super.doResume();
    }

    @Override
    public void setRouteId(String routeId) {
        super.setRouteId(routeId);
        if (delegate instanceof RouteIdAware routeIdAware) {
            routeIdAware.setRouteId(routeId);
        }
    }

    /** The authenticator in use, or empty when token verification is off. */
    public Optional<DeliveryAuthenticator> getAuthenticator() {
        return Optional.ofNullable(authenticator);
    }
}
