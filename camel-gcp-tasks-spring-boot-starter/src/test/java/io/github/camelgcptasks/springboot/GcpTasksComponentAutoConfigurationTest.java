package io.github.camelgcptasks.springboot;

import io.github.camelgcptasks.component.GcpTasksComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class GcpTasksComponentAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class,
                    GcpTasksComponentAutoConfiguration.class));

    @Test
    void propertiesInEitherSpellingConfigureTheComponentCamelUses() {
        runner.withPropertyValues(
                        "camel.component.gcp-tasks.project-id=orders-project",
                        "camel.component.gcp-tasks.location=europe-west1",
                        "camel.component.gcp-tasks.autoCreateQueue=true",
                        "camel.component.gcp-tasks.oidc-service-account-email=tasks@orders-project.iam.gserviceaccount.com")
                .run(context -> {
                    GcpTasksComponent component = context.getBean(CamelContext.class)
                            .getComponent("gcp-tasks", GcpTasksComponent.class);
                    assertThat(component).isSameAs(context.getBean(GcpTasksComponent.class));
                    assertThat(component.getConfiguration().getProjectId()).isEqualTo("orders-project");
                    assertThat(component.getConfiguration().getLocation()).isEqualTo("europe-west1");
                    assertThat(component.getConfiguration().isAutoCreateQueue()).isTrue();
                    assertThat(component.getConfiguration().getOidcServiceAccountEmail())
                            .isEqualTo("tasks@orders-project.iam.gserviceaccount.com");
                });
    }

    @Test
    void aMisspeltOptionFailsTheStartAndIsNamed() {
        runner.withPropertyValues("camel.component.gcp-tasks.project-idd=orders-project")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("projectIdd"));
    }

    @Test
    void disabledLeavesNoConfiguredComponentBean() {
        runner.withPropertyValues("camel.component.gcp-tasks.enabled=false",
                        "camel.component.gcp-tasks.project-id=ignored")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(GcpTasksComponent.class));
    }

    @Test
    void anApplicationsOwnComponentBeanWins() {
        GcpTasksComponent own = new GcpTasksComponent();
        runner.withBean("gcp-tasks", GcpTasksComponent.class, () -> own)
                .withPropertyValues("camel.component.gcp-tasks.project-id=not-applied")
                .run(context -> {
                    assertThat(context.getBean(GcpTasksComponent.class)).isSameAs(own);
                    assertThat(own.getConfiguration().getProjectId()).isNull();
                });
    }
}
