package io.github.camelgcptasks.emulator.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.json.webtoken.JsonWebSignature;
import com.google.auth.oauth2.TokenVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verifies emulator tokens with Google's own TokenVerifier, over real HTTP on loopback. */
class OidcKeyServerTest {

    private static final String ISSUER = "https://accounts.google.com";
    private static final String AUDIENCE = "http://127.0.0.1:8080/tasks/handler";
    private static final String EMAIL = "tasks-invoker@my-project.iam.gserviceaccount.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static OidcKeys keys;
    private static OidcKeyServer server;
    private static HttpClient http;

    @BeforeAll
    static void startServer() throws IOException {
        keys = new OidcKeys();
        server = new OidcKeyServer(keys, "127.0.0.1", 0, ISSUER).start();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void tokenVerifiesAgainstTheJwks() throws Exception {
        Instant now = Instant.now();
        String token = keys.signIdToken(ISSUER, AUDIENCE, EMAIL, now, now.plusSeconds(3600));

        JsonWebSignature verified = verifier(server.jwksUrl()).verify(token);

        assertGoogleShapedPayload(verified, now);
    }

    @Test
    void tokenVerifiesAgainstThePemCertificates() throws Exception {
        Instant now = Instant.now();
        String token = keys.signIdToken(ISSUER, AUDIENCE, EMAIL, now, now.plusSeconds(3600));

        JsonWebSignature verified = verifier(server.pemCertificatesUrl()).verify(token);

        assertGoogleShapedPayload(verified, now);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/oauth2/v3/certs", "/oauth2/v1/certs" })
    void tokenVerifiesAgainstGoogleStylePaths(String path) throws Exception {
        Instant now = Instant.now();
        String token = keys.signIdToken(ISSUER, AUDIENCE, EMAIL, now, now.plusSeconds(3600));

        assertThat(verifier(server.baseUrl() + path).verify(token).getPayload().get("email")).isEqualTo(EMAIL);
    }

    @Test
    void tokenFromAnotherKeyWithTheSameKidIsRefused() {
        OidcKeys impostor = new OidcKeys(keys.keyId());
        Instant now = Instant.now();
        String token = impostor.signIdToken(ISSUER, AUDIENCE, EMAIL, now, now.plusSeconds(3600));

        assertThatThrownBy(() -> verifier(server.jwksUrl()).verify(token))
                .isInstanceOf(TokenVerifier.VerificationException.class)
                .hasMessageContaining("signature");
        assertThatThrownBy(() -> verifier(server.pemCertificatesUrl()).verify(token))
                .isInstanceOf(TokenVerifier.VerificationException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void tokenFromAnotherKeyIsRefused() {
        Instant now = Instant.now();
        String token = new OidcKeys().signIdToken(ISSUER, AUDIENCE, EMAIL, now, now.plusSeconds(3600));

        assertThatThrownBy(() -> verifier(server.jwksUrl()).verify(token))
                .isInstanceOf(TokenVerifier.VerificationException.class)
                .hasMessageContaining("keyId");
    }

    @Test
    void expiredTokenIsRefused() {
        Instant now = Instant.now();
        String token = keys.signIdToken(ISSUER, AUDIENCE, EMAIL, now.minusSeconds(7200), now.minusSeconds(3600));

        assertThatThrownBy(() -> verifier(server.jwksUrl()).verify(token))
                .isInstanceOf(TokenVerifier.VerificationException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void wrongAudienceIsRefused() {
        Instant now = Instant.now();
        String token = keys.signIdToken(ISSUER, "https://someone-else.example/", EMAIL, now, now.plusSeconds(3600));

        assertThatThrownBy(() -> verifier(server.jwksUrl()).verify(token))
                .isInstanceOf(TokenVerifier.VerificationException.class)
                .hasMessageContaining("audience");
    }

    @Test
    void wrongIssuerIsRefused() {
        Instant now = Instant.now();
        String token = keys.signIdToken("https://issuer.example", AUDIENCE, EMAIL, now, now.plusSeconds(3600));

        assertThatThrownBy(() -> verifier(server.jwksUrl()).verify(token))
                .isInstanceOf(TokenVerifier.VerificationException.class)
                .hasMessageContaining("issuer");
    }

    @Test
    void discoveryDocumentNamesTheIssuerAndAWorkingJwksUri() throws Exception {
        HttpResponse<String> discovery = get(server.openIdConfigurationUrl());
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));

        JsonNode document = JSON.readTree(discovery.body());
        assertThat(document.get("issuer").asText()).isEqualTo(ISSUER);
        assertThat(document.get("id_token_signing_alg_values_supported").get(0).asText()).isEqualTo("RS256");
        assertThat(document.has("subject_types_supported")).isTrue();
        assertThat(document.has("response_types_supported")).isTrue();
        assertThat(document.get("claims_supported").toString()).contains("email", "email_verified");

        String jwksUri = document.get("jwks_uri").asText();
        HttpResponse<String> jwks = get(jwksUri);
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(jwks.body()).get("keys").get(0).get("kid").asText()).isEqualTo(keys.keyId());

        Instant now = Instant.now();
        String token = keys.signIdToken(ISSUER, AUDIENCE, EMAIL, now, now.plusSeconds(3600));
        assertThat(verifier(jwksUri).verify(token)).isNotNull();
    }

    @Test
    void keyDocumentsAreCacheableJson() throws Exception {
        for (String url : new String[] { server.jwksUrl(), server.pemCertificatesUrl() }) {
            HttpResponse<String> response = get(url);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(
                    cache -> assertThat(cache).startsWith("public").contains("max-age="));
        }
        assertThat(get(server.baseUrl() + "/oauth2/v3/certs").body()).isEqualTo(keys.jwksJson());
        assertThat(get(server.baseUrl() + "/oauth2/v1/certs").body()).isEqualTo(keys.pemCertificatesJson());
    }

    @Test
    void onlyGetIsAllowed() throws Exception {
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(URI.create(server.openIdConfigurationUrl()))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        assertThat(get(server.baseUrl() + "/jwks/extra").statusCode()).isEqualTo(404);
        assertThat(get(server.baseUrl() + "/").statusCode()).isEqualTo(404);
    }

    @Test
    void portZeroPicksAFreePortAndStopIsIdempotent() throws Exception {
        OidcKeyServer second = new OidcKeyServer(keys, "127.0.0.1", 0, ISSUER).start();
        assertThat(second.port()).isPositive().isNotEqualTo(server.port());
        assertThat(second.baseUrl()).isEqualTo("http://127.0.0.1:" + second.port());
        assertThat(second.jwksUrl()).isEqualTo(second.baseUrl() + "/jwks");
        assertThat(second.pemCertificatesUrl()).isEqualTo(second.baseUrl() + "/certs");
        assertThat(second.openIdConfigurationUrl())
                .isEqualTo(second.baseUrl() + "/.well-known/openid-configuration");
        String jwksUrl = second.jwksUrl();
        assertThat(get(jwksUrl).statusCode()).isEqualTo(200);

        second.stop();
        second.close();

        assertThatThrownBy(() -> get(jwksUrl)).isInstanceOf(IOException.class);
    }

    private static TokenVerifier verifier(String certificatesLocation) {
        // A fresh verifier per check: TokenVerifier caches the fetched keys per instance.
        return TokenVerifier.newBuilder()
                .setCertificatesLocation(certificatesLocation)
                .setIssuer(ISSUER)
                .setAudience(AUDIENCE)
                .build();
    }

    private static void assertGoogleShapedPayload(JsonWebSignature verified, Instant issuedAt) {
        JsonWebSignature.Payload payload = verified.getPayload();
        assertThat(payload.getIssuer()).isEqualTo(ISSUER);
        assertThat(payload.getAudience()).isEqualTo(AUDIENCE);
        assertThat(payload.get("email")).isEqualTo(EMAIL);
        assertThat(payload.get("email_verified")).isEqualTo(Boolean.TRUE);
        assertThat(payload.getSubject()).matches("1\\d{20}");
        assertThat(payload.getIssuedAtTimeSeconds()).isEqualTo(issuedAt.getEpochSecond());
        assertThat(payload.getExpirationTimeSeconds() - payload.getIssuedAtTimeSeconds()).isEqualTo(3600L);
        assertThat(verified.getHeader().getKeyId()).isEqualTo(keys.keyId());
        assertThat(verified.getHeader().getAlgorithm()).isEqualTo("RS256");
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
