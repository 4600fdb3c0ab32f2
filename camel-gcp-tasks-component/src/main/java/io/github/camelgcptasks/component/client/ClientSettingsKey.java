package io.github.camelgcptasks.component.client;

import io.github.camelgcptasks.component.GcpTasksConfiguration;

/**
 * The options that decide which client an endpoint needs. Endpoints whose keys are equal share one client.
 */
public record ClientSettingsKey(String endpoint, boolean authenticate, String serviceAccountKey) {

    public static ClientSettingsKey of(GcpTasksConfiguration configuration) {
        return new ClientSettingsKey(configuration.getEndpoint(), configuration.isAuthenticate(),
                                     configuration.getServiceAccountKey());
    }
}
