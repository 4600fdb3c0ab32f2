package io.github.camelgcptasks.component.consumer;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Token claims the emulator never produces, signed with a key of the test's own that the consumer trusts: Google's
 * two issuer forms (accepted by default), email_verified false, no expiry, not yet valid.
 */
class OwnKeyTokenTest extends ConsumerTestSupport {

    private static final String PATH = "/gcp-tasks/orders";
    private static final String ACCOUNT = "tasks@own-key.iam.gserviceaccount.com";

    private static RSAKey key;
    private static HttpServer jwks;
    private static volatile byte[] document;

    @BeforeAll
    static void serveKey() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("own-key").algorithm(JWSAlgorithm.RS256).generate();
        publish(key);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/certs", exchange -> {
            byte[] published = document;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, published.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(published);
            }
        });
        jwks.start();
    }

    private static void publish(RSAKey... keys) {
        List<JWK> publicKeys = new ArrayList<>();
        for (RSAKey k : keys) {
            publicKeys.add(k.toPublicJWK());
        }
        document = new JWKSet(publicKeys).toString().getBytes(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopKeyServer() {
        jwks.stop(0);
    }

    private void startConsumer(String options) throws Exception {
        String certificates = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/certs";
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:orders?oidcCertificatesLocation=" + certificates + options).to("mock:out");
            }
        });
    }

    private String sign(JWTClaimsSet.Builder claims) throws Exception {
        return sign(key, claims);
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                                      claims.build());
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    private JWTClaimsSet.Builder claims(String issuer) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).audience(url(PATH))
                .claim("email", ACCOUNT).claim("email_verified", true)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
    }

    private int deliver(String token) throws Exception {
        HttpRequest request = delivery(PATH, "orders", "t", 0, new byte[] { 1 })
                .header("Authorization", "Bearer " + token).build();
        return send(request).statusCode();
    }

    private MockEndpoint out() {
        return context.getEndpoint("mock:out", MockEndpoint.class);
    }

    @Test
    void bothGoogleIssuerFormsAreAcceptedByDefaultAndNoOther() throws Exception {
        startConsumer("&oidcServiceAccountEmail=" + ACCOUNT);

        assertThat(deliver(sign(claims("https://accounts.google.com")))).isEqualTo(200);
        assertThat(deliver(sign(claims("accounts.google.com")))).isEqualTo(200);
        assertThat(deliver(sign(claims("https://accounts.google.com.evil.example")))).isEqualTo(401);
        assertThat(out().getReceivedCounter()).isEqualTo(2);
    }

    @Test
    void unverifiedEmailIs403() throws Exception {
        startConsumer("&oidcServiceAccountEmail=" + ACCOUNT);

        assertThat(deliver(sign(claims("https://accounts.google.com").claim("email_verified", false)))).isEqualTo(403);
        assertThat(deliver(sign(claims("https://accounts.google.com").claim("email_verified", null)))).isEqualTo(403);
        assertThat(out().getReceivedCounter()).isZero();
    }

    @Test
    void tokenWithoutExpiryIs401() throws Exception {
        startConsumer("&oidcServiceAccountEmail=" + ACCOUNT);

        assertThat(deliver(sign(claims("https://accounts.google.com").expirationTime(null)))).isEqualTo(401);
        assertThat(out().getReceivedCounter()).isZero();
    }

    @Test
    void tokenNotYetValidBeyondTheClockSkewIs401() throws Exception {
        startConsumer("&oidcServiceAccountEmail=" + ACCOUNT);
        Date inAnHour = Date.from(Instant.now().plusSeconds(3600));
        Date inHalfAMinute = Date.from(Instant.now().plusSeconds(30));

        assertThat(deliver(sign(claims("accounts.google.com").notBeforeTime(inAnHour)))).isEqualTo(401);
        assertThat(deliver(sign(claims("accounts.google.com").issueTime(inAnHour)))).isEqualTo(401);
        // within the default skew of 60 s: a clock that runs a little ahead is no reason to refuse
        assertThat(deliver(sign(claims("accounts.google.com").notBeforeTime(inHalfAMinute)
                .issueTime(inHalfAMinute)))).isEqualTo(200);
        assertThat(out().getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void clockSkewIsAnOption() throws Exception {
        startConsumer("&oidcServiceAccountEmail=" + ACCOUNT + "&oidcClockSkew=5s");
        Date inHalfAMinute = Date.from(Instant.now().plusSeconds(30));

        assertThat(deliver(sign(claims("accounts.google.com").notBeforeTime(inHalfAMinute)))).isEqualTo(401);
        assertThat(deliver(sign(claims("accounts.google.com").issueTime(inHalfAMinute)))).isEqualTo(401);
        assertThat(deliver(sign(claims("accounts.google.com")))).isEqualTo(200);
        assertThat(out().getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void negativeClockSkewIsRefusedAtStart() {
        assertThatThrownBy(() -> startConsumer("&oidcServiceAccountEmail=" + ACCOUNT + "&oidcClockSkew=-1"))
                .hasStackTraceContaining("oidcClockSkew must be zero or positive");
    }

    @Test
    void audienceAloneTurnsVerificationOnForAnyAccount() throws Exception {
        startConsumer("&oidcAudience=https://orders.example.com");

        assertThat(deliver(sign(claims("accounts.google.com").audience("https://orders.example.com")
                .claim("email", "anyone@example.iam.gserviceaccount.com")))).isEqualTo(200);
        assertThat(deliver(sign(claims("accounts.google.com")))).isEqualTo(401);
        assertThat(out().getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void defaultAudienceIgnoresTheSchemeAndTheQuery() throws Exception {
        startConsumer("&oidcServiceAccountEmail=" + ACCOUNT);
        String https = url(PATH).replace("http://", "https://");

        assertThat(deliver(sign(claims("accounts.google.com").audience(https)))).isEqualTo(200);
        assertThat(deliver(sign(claims("accounts.google.com").audience(url(PATH) + "/other")))).isEqualTo(401);
        assertThat(out().getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void keyPublishedAfterTheKeysWereCachedIsFetchedWhenATokenNamesIt() throws Exception {
        startConsumer("&oidcServiceAccountEmail=" + ACCOUNT);
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("rotated-key").algorithm(JWSAlgorithm.RS256).generate();
        try {
            assertThat(deliver(sign(claims("accounts.google.com")))).isEqualTo(200);
            publish(key, rotated);

            assertThat(deliver(sign(rotated, claims("accounts.google.com")))).isEqualTo(200);
            assertThat(out().getReceivedCounter()).isEqualTo(2);
        } finally {
            publish(key);
        }
    }
}
