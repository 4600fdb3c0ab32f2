package io.github.camelgcptasks.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.json.webtoken.JsonWebSignature;
import com.google.auth.oauth2.TokenVerifier;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.OidcToken;
import com.google.cloud.tasks.v2.Task;
import com.nimbusds.jwt.SignedJWT;
import io.github.camelgcptasks.emulator.support.Clients;
import io.github.camelgcptasks.emulator.support.RecordingReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import static io.github.camelgcptasks.emulator.support.Clients.queueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code --openid-issuer http://HOST:PORT}: the key documents are served on the issuer's own port and the discovery
 * document points at keys under the issuer, so a verifier needs nothing but the token's {@code iss}.
 */
class IssuerDiscoveryTest {

    private static final String QUEUE = queueName("issuer");
    private static final String EMAIL = "invoker@test-project.iam.gserviceaccount.com";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    /** What an OIDC verifier does with a token it was given nothing else for: discovery from the token's issuer. */
    private static JsonWebSignature verifyFromIssuerAlone(String token, String audience) throws Exception {
        String issuer = SignedJWT.parse(token).getJWTClaimsSet().getIssuer();
        String jwksUri = getJson(issuer + "/.well-known/openid-configuration").get("jwks_uri").asText();
        return TokenVerifier.newBuilder().setCertificatesLocation(jwksUri).setIssuer(issuer).setAudience(audience)
                .build().verify(token);
    }

    @Test
    void aDeliveredTokenVerifiesWithTheIssuerAlone() throws Exception {
        String issuer = "http://localhost:" + freePort();
        try (RecordingReceiver receiver = new RecordingReceiver();
             CloudTasksEmulator emulator = CloudTasksEmulator.builder().port(0).queue(QUEUE).openIdIssuer(issuer)
                     .build().start();
             CloudTasksClient client = Clients.client(emulator)) {
            String url = receiver.url("/secured");
            client.createTask(QUEUE, Task.newBuilder().setHttpRequest(HttpRequest.newBuilder().setUrl(url)
                    .setOidcToken(OidcToken.newBuilder().setServiceAccountEmail(EMAIL))).build());
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.count() == 1);
            String token = receiver.received().get(0).header("Authorization").substring("Bearer ".length());

            JsonWebSignature verified = verifyFromIssuerAlone(token, url);

            assertThat(verified.getPayload().getIssuer()).isEqualTo(issuer);
            assertThat(verified.getPayload().get("email")).isEqualTo(EMAIL);
            assertThat(emulator.jwksUrl()).isEqualTo(issuer + "/jwks");
            assertThat(getJson(issuer + "/certs").size()).isEqualTo(1);
        }
    }

    @Test
    void jwksUriIsBuiltFromTheIssuerNotFromTheBindAddress() throws Exception {
        // a name only other containers resolve; the emulator binds 127.0.0.1 on the issuer's port
        int port = freePort();
        String issuer = "http://cloud-tasks.test:" + port;
        try (CloudTasksEmulator emulator = CloudTasksEmulator.builder().port(0).openIdIssuer(issuer).build().start()) {
            JsonNode discovery = getJson("http://127.0.0.1:" + port + "/.well-known/openid-configuration");

            assertThat(discovery.get("issuer").asText()).isEqualTo(issuer);
            assertThat(discovery.get("jwks_uri").asText()).isEqualTo(issuer + "/jwks");
            assertThat(getJson("http://127.0.0.1:" + port + "/jwks").get("keys").size()).isEqualTo(1);
            assertThat(emulator.openIdConfigurationUrl()).isEqualTo(issuer + "/.well-known/openid-configuration");
        }
    }

    @Test
    void anOidcPortKeepsTheDocumentsOnAPortOfTheirOwn() throws Exception {
        String issuer = "http://localhost:" + freePort();
        try (CloudTasksEmulator emulator = CloudTasksEmulator.builder().port(0).oidcPort(0).openIdIssuer(issuer)
                .build().start()) {
            assertThat(emulator.jwksUrl()).startsWith("http://127.0.0.1:").doesNotStartWith(issuer);
            assertThat(getJson(emulator.openIdConfigurationUrl()).get("jwks_uri").asText())
                    .isEqualTo(emulator.jwksUrl());
        }
    }

    @Test
    void aBusyIssuerPortIsReportedNamingTheIssuer() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String issuer = "http://localhost:" + busy.getLocalPort();
            CloudTasksEmulator emulator = CloudTasksEmulator.builder().port(0).openIdIssuer(issuer).build();

            assertThatThrownBy(emulator::start).isInstanceOf(java.net.BindException.class)
                    .hasMessageContaining(issuer).hasMessageContaining("--oidc-port");
        }
    }

    @Test
    void anIssuerThatCannotBeServedIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> CloudTasksEmulator.builder().openIdIssuer("http://localhost:8980/tenant"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--openid-issuer")
                .hasMessageContaining("path");
        assertThatThrownBy(() -> CloudTasksEmulator.builder().openIdIssuer("ftp://localhost"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--openid-issuer");
    }
}
