package io.github.camelgcptasks.component.consumer;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelgcptasks.component.GcpTasksConfiguration;
import io.github.camelgcptasks.component.GcpTasksEndpoint;
import io.github.camelgcptasks.component.consumer.security.DeliveryAuthenticator;
import io.github.camelgcptasks.component.consumer.security.OidcKeysProbe;
import io.github.camelgcptasks.component.health.GcpTasksConsumerHealthCheck;
import io.github.camelgcptasks.component.metrics.GcpTasksConsumerMeters;
import io.github.camelgcptasks.component.consumer.vertx.VertxDeliveryGate;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Suspendable;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
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
 * application has (Vert.x under Camel Main and Camel JBang, Spring MVC under Spring Boot), and starts, suspends,
 * resumes and stops it with itself. Each request goes through a {@link DeliveryHandler}; other methods on the path get
 * 405 from the engine. With {@code earlyRefusal} (the default) a gate before the engine refuses oversized or
 * unauthenticated deliveries on their headers, before the engine reads their body, with this consumer's
 * {@link EarlyDeliveryCheck}: on Vert.x a {@link VertxDeliveryGate}, under Spring Boot the starter's servlet filter.
 */
public class GcpTasksConsumer extends DefaultConsumer implements Suspendable {

    private static final Logger LOG = LoggerFactory.getLogger(GcpTasksConsumer.class);
    private static final boolean VERTX_PRESENT
            = isPresent("org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine");

    private Consumer delegate;
    private DeliveryHandler handler;
    private DeadLetterPolicy deadLetterPolicy;
    private DeliveryAuthenticator authenticator;
    private IdempotentRepository idempotentRepository;
    private final DeliveryCounts counts = new DeliveryCounts();
    private final DeliveryRecorder recorder = new DeliveryRecorder(this, counts);
    private AutoCloseable meters;
    private PlatformHttpEngine engine;
    /** The checks a gate before the engine makes; null with earlyRefusal=false. */
    private EarlyDeliveryCheck earlyCheck;
    /** Removes the Vert.x gate; null when there is none. */
    private Runnable gateRemoval;

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
        // populateBodyWithForm=false: a task body is delivered as-is, even with a form content type
        return "platform-http:" + platformHttpPath()
               + "?httpMethodRestrict=POST&muteException=true&populateBodyWithForm=false";
    }

    private String platformHttpPath() {
        String path = getEndpoint().getConsumerPath().trim();
        if (path.contains("?") || path.contains("#")) {
            throw new IllegalArgumentException("path '" + path + "' must not contain a query or a fragment");
        }
        return path.startsWith("/") ? path : "/" + path;
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
        earlyCheck = configuration.isEarlyRefusal() ? new EarlyDeliveryCheck(authenticator, recorder) : null;
        handler = new DeliveryHandler(
                this, authenticator,
                new DeliveryRequestValidator(endpoint.getQueueReference().queueId(),
                                             configuration.isValidateDeliveryHeaders()),
                new DeliveryBodyUnmarshaller(resolveUnmarshalType(context, configuration.getUnmarshalType()),
                                             findObjectMapper(context)),
                guard, deadLetterPolicy, endpoint.getHeaderFilterStrategy(), recorder);

        Endpoint http = context.getEndpoint(getPlatformHttpUri());
        delegate = http.createConsumer(handler);
        engine = engineOf(context, http);
        if (delegate instanceof RouteIdAware routeIdAware) {
            routeIdAware.setRouteId(getRouteId());
        }
        ServiceHelper.initService(delegate);
    }

    private static PlatformHttpEngine engineOf(CamelContext context, Endpoint http) {
        PlatformHttpEngine found = http instanceof PlatformHttpEndpoint endpoint ? endpoint.getPlatformHttpEngine() : null;
        return found != null ? found
                : context.getRegistry().lookupByNameAndType(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME,
                                                            PlatformHttpEngine.class);
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, GcpTasksConsumer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
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
        registerHealthCheck();
        meters = GcpTasksConsumerMeters.bindIfPresent(this);
        if (VERTX_PRESENT && earlyCheck != null) {
            // before the delegate starts, so that Vert.x routes requests through the gate first
            gateRemoval = VertxDeliveryGate.installIfVertx(getEndpoint().getCamelContext(), engine, platformHttpPath(),
                                                           earlyCheck);
        }
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

    /**
     * Gives the route's consumer health check this consumer's own, as Camel's consumers do: only when health checks
     * are in use, and only with healthCheckConsumerEnabled; turned off, the route's check reports the route alone
     * (instead of UNKNOWN for a disabled check).
     */
    private void registerHealthCheck() {
        CamelContext context = getEndpoint().getCamelContext();
        if (getHealthCheck() == null && getEndpoint().getComponent().isHealthCheckConsumerEnabled()
                && HealthCheckHelper.getHealthCheckRepository(context, "consumers", HealthCheckRepository.class) != null) {
            setHealthCheck(new GcpTasksConsumerHealthCheck(this, getRouteId(), authenticator != null
                    ? new OidcKeysProbe(authenticator.getVerifier().getCertificatesLocation()) : null));
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (meters != null) {
            meters.close();
            meters = null;
        }
        if (gateRemoval != null) {
            gateRemoval.run();
            gateRemoval = null;
        }
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

    /** How this consumer answered deliveries so far, by outcome. */
    public DeliveryCounts getCounts() {
        return counts;
    }

    /**
     * The checks a gate before the HTTP engine makes of a delivery's headers, for this consumer; empty with
     * {@code earlyRefusal=false}.
     */
    public Optional<EarlyDeliveryCheck> getEarlyCheck() {
        return Optional.ofNullable(earlyCheck);
    }

    /** The path this consumer serves on platform-http, with a leading slash; {@code {name}} marks a path parameter. */
    public String getHttpPath() {
        return platformHttpPath();
    }

    /** The authenticator in use, or empty when token verification is off. */
    public Optional<DeliveryAuthenticator> getAuthenticator() {
        return Optional.ofNullable(authenticator);
    }
}
