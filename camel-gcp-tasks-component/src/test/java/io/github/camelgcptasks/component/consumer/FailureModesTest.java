package io.github.camelgcptasks.component.consumer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.ByteString;
import io.github.camelgcptasks.component.GcpTasksConfiguration;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.component.GcpTasksException;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.grpc.Status;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What happens to a task and to the exchange when something is down or wrong, as the user guide's "Failure modes"
 * section tells it.
 */
class FailureModesTest extends EmulatorTestSupport {

    @RegisterExtension
    static final CloudTasksEmulatorExtension EMULATOR = new CloudTasksEmulatorExtension();

    private static final Duration AT_MOST = Duration.ofSeconds(30);
    private static final String ACCOUNT = "tasks@consumer-it.iam.gserviceaccount.com";

    @Override
    protected CloudTasksEmulator emulator() {
        return EMULATOR.emulator();
    }

    /** A task for this test's server, created straight through the client, so no Camel route needs to run. */
    private String createTask(String queue, String body) {
        Task task = client().createTask(queuePath(queue), Task.newBuilder()
                .setHttpRequest(HttpRequest.newBuilder()
                        .setUrl(url("/gcp-tasks/" + queue))
                        .setHttpMethod(HttpMethod.POST)
                        .setBody(ByteString.copyFromUtf8(body)))
                .build());
        return task.getName();
    }

    private int dispatchCount(String taskName) {
        return client().getTask(taskName).getDispatchCount();
    }

    @Test
    void cloudTasksUnreachableFailsTheSendWithUnavailable() throws Exception {
        configureComponent();
        context.start();
        String nobody = "127.0.0.1:" + AvailablePortFinder.getNextAvailable();

        Exchange once = context.createProducerTemplate().send("gcp-tasks:orders?endpoint=" + nobody,
                e -> e.getMessage().setBody("lost"));
        Exchange retried = context.createProducerTemplate().send("gcp-tasks:orders?endpoint=" + nobody
                                                                 + "&deterministicTaskId=true&retryInitialBackoff=10"
                                                                 + "&retryMaxBackoff=20&retryMaxAttempts=3",
                e -> e.getMessage().setBody("lost"));

        assertThat(once.getException()).isInstanceOf(GcpTasksException.class);
        assertThat(((GcpTasksException) once.getException()).getStatusCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(retried.getException()).isInstanceOf(GcpTasksException.class)
                .hasMessageContaining("gave up after 3 attempts");
        assertThat(retried.getMessage().getHeader(GcpTasksConstants.CREATE_RETRIES)).isEqualTo(2);
    }

    @Test
    void consumerDownKeepsTheTaskQueuedAndItArrivesWhenTheAppIsBack() throws Exception {
        String queue = createQueue("down", 10);
        configureComponent();
        // nothing listens on the app's port yet
        String taskName = createTask(queue, "waiting");
        await().atMost(AT_MOST).until(() -> dispatchCount(taskName) >= 2);
        assertThat(isGone(taskName)).isFalse();

        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:" + queue).to("mock:out");
            }
        });

        await().atMost(AT_MOST).until(() -> isGone(taskName));
        assertThat(context.getEndpoint("mock:out", MockEndpoint.class)
                .getReceivedExchanges()).singleElement()
                .satisfies(e -> assertThat(e.getMessage().getBody(String.class)).isEqualTo("waiting"));
    }

    @Test
    void appStoppingMidDeliveryLosesNoTask() throws Exception {
        String queue = createQueue("stopping", 10);
        configureComponent();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger completedBeforeStop = new AtomicInteger();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:" + queue).process(e -> {
                    entered.countDown();
                    release.await(AT_MOST.toSeconds(), TimeUnit.SECONDS);
                    completedBeforeStop.incrementAndGet();
                });
            }
        });
        String taskName = createTask(queue, "in flight");
        assertThat(entered.await(AT_MOST.toSeconds(), TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(context::stop);
        await().atMost(AT_MOST).until(() -> context.isStopping() || context.isStopped());
        release.countDown();
        stopping.get(AT_MOST.toSeconds(), TimeUnit.SECONDS);

        // the application comes back on the same port; whatever the first one did not finish arrives again
        AtomicInteger processedAfterRestart = new AtomicInteger();
        context = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindHost("127.0.0.1");
        server.setBindPort(port());
        context.addService(new VertxPlatformHttpServer(server));
        configureComponent();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:" + queue).process(e -> processedAfterRestart.incrementAndGet());
            }
        });

        await().atMost(AT_MOST).until(() -> isGone(taskName));
        // graceful shutdown let the delivery in flight finish its route; a second delivery would also be fine
        assertThat(completedBeforeStop.get()).isEqualTo(1);
        assertThat(completedBeforeStop.get() + processedAfterRestart.get()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void taskWithATokenForAnotherAccountIsRefusedAndKeptForRetries() throws Exception {
        String queue = createQueue("wrong-token", 10);
        GcpTasksConfiguration configuration = configureComponent();
        configuration.setOidcIssuer(emulator().openIdIssuer());
        configuration.setOidcCertificatesLocation(emulator().jwksUrl());
        AtomicInteger routed = new AtomicInteger();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:" + queue + "?allowedServiceAccounts=" + ACCOUNT)
                        .process(e -> routed.incrementAndGet());
            }
        });

        Exchange sent = context.createProducerTemplate().send("gcp-tasks:" + queue
                                                              + "?oidcServiceAccountEmail=intruder@elsewhere.iam.gserviceaccount.com",
                e -> e.getMessage().setBody("not for you"));
        String taskName = sent.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class);

        await().atMost(AT_MOST).until(() -> dispatchCount(taskName) >= 2);
        assertThat(isGone(taskName)).isFalse();
        assertThat(routed.get()).isZero();
    }
}
