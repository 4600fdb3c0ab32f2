package io.github.camelgcptasks.component.client;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.github.camelgcptasks.component.GcpTasksEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * serviceAccountKey is a resource, so the {@code base64:} form that Kamelets use (the gcp-tasks-sink passes
 * {@code base64:{{serviceAccountKey}}}, as Apache Camel's google-pubsub-sink does) gives the client that key's account.
 */
class ServiceAccountKeyTest {

    private static final String EMAIL = "tasks-creator@key-test.iam.gserviceaccount.com";

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void aBase64KeyGivesTheClientThatServiceAccount() throws Exception {
        String key = Base64.getEncoder().encodeToString(serviceAccountKeyJson().getBytes(StandardCharsets.UTF_8));
        context.start();
        GcpTasksEndpoint endpoint = context.getEndpoint(
                "gcp-tasks:projects/key-test/locations/l/queues/q?serviceAccountKey=base64:" + key, GcpTasksEndpoint.class);

        Object credentials = endpoint.getClient().getSettings().getCredentialsProvider().getCredentials();

        assertThat(credentials).isInstanceOfSatisfying(ServiceAccountCredentials.class,
                account -> assertThat(account.getClientEmail()).isEqualTo(EMAIL));
    }

    /** A service account key file as the Cloud console downloads it, with a key pair made for the test. */
    private static String serviceAccountKeyJson() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                     + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                             .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                     + "\n-----END PRIVATE KEY-----\n";
        return new ObjectMapper().createObjectNode()
                .put("type", "service_account")
                .put("project_id", "key-test")
                .put("private_key_id", "key-1")
                .put("private_key", pem)
                .put("client_email", EMAIL)
                .put("client_id", "1")
                .put("token_uri", "https://oauth2.googleapis.com/token")
                .toString();
    }
}
