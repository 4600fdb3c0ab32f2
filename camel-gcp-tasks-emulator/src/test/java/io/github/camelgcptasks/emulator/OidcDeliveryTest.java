package io.github.camelgcptasks.emulator;

import com.google.auth.oauth2.TokenVerifier;
import com.google.api.client.json.webtoken.JsonWebSignature;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.OAuthToken;
import com.google.cloud.tasks.v2.OidcToken;
import com.google.cloud.tasks.v2.Task;
import io.github.camelgcptasks.emulator.dispatch.TaskDelivery;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import io.github.camelgcptasks.emulator.oidc.OidcKeys;
import io.github.camelgcptasks.emulator.support.Clients;
import io.github.camelgcptasks.emulator.support.EmulatorFixture;
import io.github.camelgcptasks.emulator.support.RecordingReceiver;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelgcptasks.emulator.support.Clients.queueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Tokens on deliveries, checked with google-auth's TokenVerifier against the emulator's JWKS. */
class OidcDeliveryTest {

    private static final String EMAIL = "invoker@test-project.iam.gserviceaccount.com";
    private static final String ISSUER = "https://accounts.example.test";
    private static final String QUEUE = queueName("oidc");

    @RegisterExtension
    static final EmulatorFixture FIXTURE = new EmulatorFixture(
            new CloudTasksEmulatorExtension(CloudTasksEmulator.builder().queue(QUEUE).openIdIssuer(ISSUER)));

    /** One receiver for the whole class: each test picks its own deliveries out by task name. */
    private static RecordingReceiver receiver;
    private final CloudTasksEmulator emulator = FIXTURE.emulator();
    private final CloudTasksClient client = FIXTURE.client();

    @BeforeAll
    static void startReceiver() {
        receiver = new RecordingReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private String deliveredAuthorization(HttpRequest.Builder request) {
        Task task = client.createTask(QUEUE, Task.newBuilder().setHttpRequest(request).build());
        String taskId = task.getName().substring(task.getName().lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.forTask(taskId).size() == 1);
        return receiver.forTask(taskId).get(0).header("Authorization");
    }

    private TokenVerifier verifier(String audience) {
        return TokenVerifier.newBuilder()
                .setCertificatesLocation(emulator.jwksUrl())
                .setIssuer(ISSUER)
                .setAudience(audience)
                .build();
    }

    @Test
    void oidcTokenVerifiesAgainstTheServedJwksWithTheTaskUrlAsAudience() throws Exception {
        String url = receiver.url("/secured");

        String authorization = deliveredAuthorization(HttpRequest.newBuilder().setUrl(url)
                .setOidcToken(OidcToken.newBuilder().setServiceAccountEmail(EMAIL)));

        assertThat(authorization).startsWith("Bearer ");
        JsonWebSignature token = verifier(url).verify(authorization.substring("Bearer ".length()));
        assertThat(token.getHeader().getAlgorithm()).isEqualTo("RS256");
        assertThat(token.getHeader().getKeyId()).isNotBlank();
        assertThat(token.getPayload().get("email")).isEqualTo(EMAIL);
        assertThat(token.getPayload().get("email_verified")).isEqualTo(true);
        assertThat(token.getPayload().getSubject()).isNotBlank();
        long lifetime = token.getPayload().getExpirationTimeSeconds() - token.getPayload().getIssuedAtTimeSeconds();
        assertThat(lifetime).isEqualTo(3600);
    }

    @Test
    void oidcTokenUsesTheGivenAudience() throws Exception {
        String authorization = deliveredAuthorization(HttpRequest.newBuilder().setUrl(receiver.url("/aud"))
                .setOidcToken(OidcToken.newBuilder().setServiceAccountEmail(EMAIL).setAudience("my-audience")));

        String jwt = authorization.substring("Bearer ".length());
        assertThat(verifier("my-audience").verify(jwt).getPayload().get("email")).isEqualTo(EMAIL);
        assertThatThrownBy(() -> verifier(receiver.url("/aud")).verify(jwt))
                .isInstanceOf(TokenVerifier.VerificationException.class);
    }

    @Test
    void tokenFromAnotherKeyDoesNotVerify() {
        String url = receiver.url("/other");
        Instant now = Instant.now();
        String foreign = new OidcKeys().signIdToken(ISSUER, url, EMAIL, now, now.plusSeconds(3600));

        assertThatThrownBy(() -> verifier(url).verify(foreign))
                .isInstanceOf(TokenVerifier.VerificationException.class);
    }

    @Test
    void issuedTokensUseTheDeliveryKeyAndHonourExpiry() throws Exception {
        Instant now = Instant.now();
        String valid = emulator.issueIdToken("aud", EMAIL, now, now.plusSeconds(600));
        String expired = emulator.issueIdToken("aud", EMAIL, now.minusSeconds(7200), now.minusSeconds(3600));

        assertThat(verifier("aud").verify(valid).getPayload().get("email")).isEqualTo(EMAIL);
        assertThatThrownBy(() -> verifier("aud").verify(expired))
                .isInstanceOf(TokenVerifier.VerificationException.class);
        assertThat(emulator.openIdIssuer()).isEqualTo(ISSUER);
    }

    @Test
    void oauthTokenSendsTheDocumentedPlaceholder() {
        String authorization = deliveredAuthorization(HttpRequest.newBuilder().setUrl(receiver.url("/oauth"))
                .setOauthToken(OAuthToken.newBuilder().setServiceAccountEmail(EMAIL)));

        assertThat(authorization).isEqualTo("Bearer " + TaskDelivery.OAUTH_PLACEHOLDER_TOKEN);
    }

    @Test
    void taskWithoutTokenKeepsItsOwnAuthorizationHeader() {
        String authorization = deliveredAuthorization(HttpRequest.newBuilder().setUrl(receiver.url("/own"))
                .putHeaders("Authorization", "Basic dXNlcjpwYXNz"));

        assertThat(authorization).isEqualTo("Basic dXNlcjpwYXNz");
    }

    @Test
    void tokenWithoutServiceAccountIsRefused() {
        var e = Clients.failure(() -> client.createTask(QUEUE, Task.newBuilder().setHttpRequest(HttpRequest
                .newBuilder().setUrl(receiver.url("/x")).setOidcToken(OidcToken.newBuilder().setAudience("a")))
                .build()));

        assertThat(e.getMessage()).contains("service_account_email");
    }

    @Test
    void defaultIssuerIsTheKeyServer() throws Exception {
        try (CloudTasksEmulator other = CloudTasksEmulator.builder().port(0).build().start()) {
            assertThat(other.openIdIssuer()).startsWith("http://127.0.0.1:");
            assertThat(other.jwksUrl()).startsWith(other.openIdIssuer());
            assertThat(other.openIdConfigurationUrl()).startsWith(other.openIdIssuer())
                    .endsWith("/.well-known/openid-configuration");
        }
    }
}
