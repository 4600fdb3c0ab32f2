package io.github.camelgcptasks.component.client;

import java.io.IOException;
import java.io.InputStream;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.CloudTasksSettings;
import io.grpc.ManagedChannelBuilder;
import org.apache.camel.CamelContext;
import org.apache.camel.support.ResourceHelper;

/**
 * Builds the {@link CloudTasksClient} an endpoint talks through, from the three ways to reach Cloud Tasks: the real
 * service with Application Default Credentials, the real service with a service account key, or an emulator in
 * plaintext without credentials.
 */
public final class CloudTasksClientFactory {

    private CloudTasksClientFactory() {
    }

    public static CloudTasksClient create(CamelContext camelContext, ClientSettingsKey key) throws IOException {
        CloudTasksSettings.Builder settings = CloudTasksSettings.newBuilder();
        if (key.endpoint() != null && !key.endpoint().isBlank()) {
            settings.setEndpoint(key.endpoint());
            InstantiatingGrpcChannelProvider.Builder channel = CloudTasksSettings.defaultGrpcTransportProviderBuilder()
                    .setEndpoint(key.endpoint());
            if (!key.authenticate()) {
                // emulators speak plaintext gRPC and know nothing of credentials
                channel.setChannelConfigurator(ManagedChannelBuilder::usePlaintext);
            }
            settings.setTransportChannelProvider(channel.build());
        }
        if (!key.authenticate()) {
            settings.setCredentialsProvider(NoCredentialsProvider.create());
        } else if (key.serviceAccountKey() != null && !key.serviceAccountKey().isBlank()) {
            settings.setCredentialsProvider(FixedCredentialsProvider.create(loadKey(camelContext, key.serviceAccountKey())));
        }
        // otherwise the settings' default provider applies: Application Default Credentials
        return CloudTasksClient.create(settings.build());
    }

    private static GoogleCredentials loadKey(CamelContext camelContext, String location) throws IOException {
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(camelContext, location)) {
            return GoogleCredentials.fromStream(in).createScoped(CloudTasksSettings.getDefaultServiceScopes());
        }
    }
}
