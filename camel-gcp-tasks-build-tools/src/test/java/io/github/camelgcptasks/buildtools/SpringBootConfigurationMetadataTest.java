package io.github.camelgcptasks.buildtools;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpringBootConfigurationMetadataTest {

    @Test
    void optionNamesBecomeKebabCaseAsSpringBootWritesThem() {
        assertThat(SpringBootConfigurationMetadata.kebabCase("projectId")).isEqualTo("project-id");
        assertThat(SpringBootConfigurationMetadata.kebabCase("oidcServiceAccountEmail"))
                .isEqualTo("oidc-service-account-email");
        assertThat(SpringBootConfigurationMetadata.kebabCase("location")).isEqualTo("location");
    }
}
