package io.github.camelgcptasks.emulator.support;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.ApiException;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.CloudTasksSettings;
import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.ByteString;
import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The real Cloud Tasks client pointed at an emulator, and small helpers for tasks and errors. */
public final class Clients {

    public static final String PROJECT = "test-project";
    public static final String LOCATION = "europe-west1";
    public static final String PARENT = "projects/" + PROJECT + "/locations/" + LOCATION;

    private Clients() {
    }

    public static CloudTasksClient client(CloudTasksEmulator emulator) {
        return clientFor(emulator.grpcEndpoint());
    }

    /** A client with plaintext and no credentials for a Cloud Tasks service at {@code host:port}. */
    public static CloudTasksClient clientFor(String endpoint) {
        try {
            return CloudTasksClient.create(CloudTasksSettings.newBuilder()
                    .setEndpoint(endpoint)
                    .setCredentialsProvider(NoCredentialsProvider.create())
                    .setTransportChannelProvider(InstantiatingGrpcChannelProvider.newBuilder()
                            .setEndpoint(endpoint)
                            .setChannelConfigurator(ManagedChannelBuilder::usePlaintext)
                            .build())
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String queueName(String id) {
        return PARENT + "/queues/" + id;
    }

    /** A POST task with a text body to the given URL. */
    public static Task.Builder httpTask(String url, String body) {
        return Task.newBuilder().setHttpRequest(HttpRequest.newBuilder()
                .setUrl(url)
                .setHttpMethod(HttpMethod.POST)
                .setBody(ByteString.copyFrom(body, StandardCharsets.UTF_8)));
    }

    /** Runs a call that must fail and answers the client's exception. */
    public static ApiException failure(ThrowableAssert.ThrowingCallable call) {
        ApiException e = catchThrowableOfType(ApiException.class, call);
        assertThat(e).as("the call must fail").isNotNull();
        return e;
    }
}
