package io.github.camelgcptasks.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.CloudTasksSettings;
import io.grpc.ManagedChannelBuilder;

/**
 * The hand-written client a user would build without the component: plaintext, no credentials. Its settings match the
 * component's emulator settings, so the baselines differ from the component only by the component's own code.
 */
public final class RawClient {

    private RawClient() {
    }

    /** The same client over its REST transport (HTTP/1.1 and JSON), to {@code http://host:port}. */
    public static CloudTasksClient connectHttpJson(String restUrl) {
        try {
            return CloudTasksClient.create(CloudTasksSettings.newHttpJsonBuilder()
                    .setEndpoint(restUrl)
                    .setCredentialsProvider(NoCredentialsProvider.create())
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + restUrl, e);
        }
    }

    public static CloudTasksClient connect(String grpcEndpoint) {
        try {
            InstantiatingGrpcChannelProvider channel = CloudTasksSettings.defaultGrpcTransportProviderBuilder()
                    .setEndpoint(grpcEndpoint)
                    .setChannelConfigurator(ManagedChannelBuilder::usePlaintext)
                    .build();
            return CloudTasksClient.create(CloudTasksSettings.newBuilder()
                    .setEndpoint(grpcEndpoint)
                    .setTransportChannelProvider(channel)
                    .setCredentialsProvider(NoCredentialsProvider.create())
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + grpcEndpoint, e);
        }
    }
}
