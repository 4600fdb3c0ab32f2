package io.github.camelgcptasks.springboot.servlet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.CloudTasksSettings;
import io.github.camelgcptasks.component.consumer.DeliveryCounts;
import io.github.camelgcptasks.component.consumer.GcpTasksConsumer;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.grpc.ManagedChannelBuilder;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@link GateTestApplication} on a random port of Tomcat, its consumer pointed at an emulator that signs and
 * delivers its tasks; the consumer accepts only tokens of {@link #ACCOUNT}.
 */
abstract class GateTestSupport {

    static final String PROJECT = "gate-project";
    static final String LOCATION = "europe-west1";
    static final String QUEUE_PATH = "projects/" + PROJECT + "/locations/" + LOCATION + "/queues/"
                                     + GateTestApplication.QUEUE;
    static final String ACCOUNT = "tasks@gate-project.iam.gserviceaccount.com";
    static final long FIFTY_MB = 50L * 1024 * 1024;

    @RegisterExtension
    static final CloudTasksEmulatorExtension EMULATOR = CloudTasksEmulatorExtension.withQueues(QUEUE_PATH);

    @DynamicPropertySource
    static void pointAtTheEmulator(DynamicPropertyRegistry properties) {
        properties.add("camel.component.gcp-tasks.project-id", () -> PROJECT);
        properties.add("camel.component.gcp-tasks.location", () -> LOCATION);
        properties.add("camel.component.gcp-tasks.endpoint", () -> EMULATOR.grpcEndpoint());
        properties.add("camel.component.gcp-tasks.authenticate", () -> "false");
        properties.add("camel.component.gcp-tasks.oidc-service-account-email", () -> ACCOUNT);
        properties.add("camel.component.gcp-tasks.oidc-issuer", () -> EMULATOR.emulator().openIdIssuer());
        properties.add("camel.component.gcp-tasks.oidc-certificates-location", () -> EMULATOR.emulator().jwksUrl());
    }

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camelContext;

    @Autowired
    GateTestApplication.BodyReadCounter bodyRead;

    private CloudTasksClient client;

    @BeforeEach
    void resetCounts() {
        bodyRead.reset();
        delivered().reset();
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    String consumerPath() {
        return "/gcp-tasks/" + GateTestApplication.QUEUE;
    }

    String consumerUrl() {
        return "http://localhost:" + port + consumerPath();
    }

    String validToken() {
        Instant now = Instant.now();
        return EMULATOR.emulator().issueIdToken(consumerUrl(), ACCOUNT, now.minusSeconds(60),
                                                now.plus(Duration.ofHours(1)));
    }

    MockEndpoint delivered() {
        return camelContext.getEndpoint("mock:delivered", MockEndpoint.class);
    }

    DeliveryCounts counts() {
        return ((GcpTasksConsumer) camelContext.getRoute("gate").getConsumer()).getCounts();
    }

    CloudTasksEmulator emulator() {
        return EMULATOR.emulator();
    }

    CloudTasksClient client() {
        if (client == null) {
            try {
                client = CloudTasksClient.create(CloudTasksSettings.newBuilder()
                        .setEndpoint(EMULATOR.grpcEndpoint())
                        .setCredentialsProvider(NoCredentialsProvider.create())
                        .setTransportChannelProvider(InstantiatingGrpcChannelProvider.newBuilder()
                                .setEndpoint(EMULATOR.grpcEndpoint())
                                .setChannelConfigurator(ManagedChannelBuilder::usePlaintext)
                                .build())
                        .build());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return client;
    }
}
