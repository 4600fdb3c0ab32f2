package io.github.camelgcptasks.component.consumer;

import java.time.Duration;
import java.util.Optional;

import io.github.camelgcptasks.component.GcpTasksComponent;
import io.github.camelgcptasks.component.GcpTasksConfiguration;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.component.support.SwitchableKeyServer;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer's health check, as Camel's readiness check of its route reports it: DOWN while the OIDC keys cannot be
 * fetched (every delivery the emulator makes is then refused with 401) or while the path is not served, UP once the
 * consumer can accept deliveries again; off with healthCheckConsumerEnabled=false.
 */
class ConsumerHealthCheckTest extends EmulatorTestSupport {

    @RegisterExtension
    static final CloudTasksEmulatorExtension EMULATOR = new CloudTasksEmulatorExtension();

    private static final String ACCOUNT = "tasks@consumer-it.iam.gserviceaccount.com";
    private static final String ROUTE = "tasks";

    private SwitchableKeyServer keys;
    private String queue;

    @Override
    protected CloudTasksEmulator emulator() {
        return EMULATOR.emulator();
    }

    @AfterEach
    void stopKeys() {
        if (keys != null) {
            keys.close();
        }
    }

    private void startSecured(boolean healthCheckConsumerEnabled) throws Exception {
        keys = new SwitchableKeyServer(emulator().jwksUrl());
        queue = createQueue("health", 10);
        GcpTasksConfiguration configuration = configureComponent();
        configuration.setOidcServiceAccountEmail(ACCOUNT);
        configuration.setOidcIssuer(emulator().openIdIssuer());
        configuration.setOidcCertificatesLocation(keys.url());
        context.getComponent("gcp-tasks", GcpTasksComponent.class).setHealthCheckConsumerEnabled(healthCheckConsumerEnabled);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:" + queue).routeId(ROUTE).to("mock:out");
            }
        });
    }

    /** The result of Camel's readiness check for the route's consumer. */
    private HealthCheck.Result consumerReadiness() {
        Optional<HealthCheck.Result> result = HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().equals("consumer:" + ROUTE))
                .findFirst();
        assertThat(result).as("readiness check of consumer:%s", ROUTE).isPresent();
        return result.get();
    }

    private GcpTasksConsumer consumer() {
        return (GcpTasksConsumer) context.getRoute(ROUTE).getConsumer();
    }

    private MockEndpoint out() {
        return context.getEndpoint("mock:out", MockEndpoint.class);
    }

    @Test
    void downWhileTheKeysCannotBeFetchedAndUpWhenTheyCanWhileTheEmulatorRetries() throws Exception {
        startSecured(true);

        HealthCheck.Result down = consumerReadiness();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage()).hasValueSatisfying(message -> assertThat(message)
                .startsWith("OIDC signing keys cannot be fetched from " + keys.url())
                .contains("every delivery is refused with 401"));
        assertThat(down.getDetails()).containsEntry("oidc.certificates", keys.url());

        Exchange sent = context.createProducerTemplate()
                .request("gcp-tasks:" + queue, exchange -> exchange.getMessage().setBody("signed"));
        String taskName = sent.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> consumer().getCounts().get(DeliveryOutcome.UNAUTHENTICATED) >= 1);
        assertThat(out().getReceivedCounter()).isZero();

        keys.serve(true);

        HealthCheck.Result up = consumerReadiness();
        assertThat(up.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(up.getDetails()).containsEntry("path", "/gcp-tasks/" + queue).containsEntry("oidc.keys", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> isGone(taskName));
        assertThat(out().getReceivedCounter()).isEqualTo(1);
        assertThat(consumer().getCounts().get(DeliveryOutcome.ACCEPTED)).isEqualTo(1);
    }

    @Test
    void downWhileThePathIsNotServed() throws Exception {
        startSecured(true);
        keys.serve(true);
        assertThat(consumerReadiness().getState()).isEqualTo(HealthCheck.State.UP);

        ServiceHelper.stopService(consumer().getDelegate());

        HealthCheck.Result down = consumerReadiness();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage()).hasValue("Not serving POST /gcp-tasks/" + queue
                                              + ": its platform-http consumer is not started");
        ServiceHelper.startService(consumer().getDelegate());
        assertThat(consumerReadiness().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void healthCheckConsumerEnabledFalseLeavesTheCheckOut() throws Exception {
        startSecured(false);

        // the keys cannot be fetched, yet nothing reports DOWN: the consumer has no check of its own
        assertThat(consumer().getHealthCheck()).isNull();
        assertThat(HealthCheckHelper.invokeReadiness(context))
                .noneMatch(result -> result.getCheck().getId().equals("consumer:" + ROUTE))
                .noneMatch(result -> result.getState() == HealthCheck.State.DOWN);
    }
}
