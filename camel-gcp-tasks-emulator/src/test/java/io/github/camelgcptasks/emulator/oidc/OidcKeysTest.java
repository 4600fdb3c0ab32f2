package io.github.camelgcptasks.emulator.oidc;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OidcKeysTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OidcKeys KEYS = new OidcKeys();

    @Test
    void signsAnRs256IdTokenWithGoogleShapedClaims() throws Exception {
        Instant iat = Instant.parse("2026-01-01T10:00:00.123Z");
        String token = KEYS.signIdToken("https://accounts.google.com", "https://receiver.example/tasks",
                "invoker@my-project.iam.gserviceaccount.com", iat, iat.plusSeconds(3600));

        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(KEYS.keyId());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");

        JsonNode payload = JSON.readTree(jwt.getPayload().toString());
        assertThat(payload.get("iss").asText()).isEqualTo("https://accounts.google.com");
        assertThat(payload.get("aud").isTextual()).as("aud is a single string").isTrue();
        assertThat(payload.get("aud").asText()).isEqualTo("https://receiver.example/tasks");
        assertThat(payload.get("email").asText()).isEqualTo("invoker@my-project.iam.gserviceaccount.com");
        assertThat(payload.get("email_verified").asBoolean()).isTrue();
        assertThat(payload.get("iat").asLong()).isEqualTo(iat.getEpochSecond());
        assertThat(payload.get("exp").asLong()).isEqualTo(iat.getEpochSecond() + 3600);
        assertThat(payload.get("sub").asText()).matches("1\\d{20}");

        RSAKey publicKey = JWKSet.parse(KEYS.jwksJson()).getKeys().get(0).toRSAKey();
        assertThat(jwt.verify(new RSASSAVerifier(publicKey))).isTrue();
    }

    @Test
    void subjectIsStablePerEmailAndDiffersBetweenEmails() {
        String a = OidcKeys.subjectFor("a@p.iam.gserviceaccount.com");
        assertThat(OidcKeys.subjectFor("a@p.iam.gserviceaccount.com")).isEqualTo(a);
        assertThat(OidcKeys.subjectFor("b@p.iam.gserviceaccount.com")).isNotEqualTo(a);
    }

    @Test
    void jwksHoldsOnlyThePublicRs256SigningKey() throws Exception {
        JsonNode key = JSON.readTree(KEYS.jwksJson()).get("keys").get(0);
        assertThat(JSON.readTree(KEYS.jwksJson()).get("keys")).hasSize(1);
        assertThat(key.get("kty").asText()).isEqualTo("RSA");
        assertThat(key.get("alg").asText()).isEqualTo("RS256");
        assertThat(key.get("use").asText()).isEqualTo("sig");
        assertThat(key.get("kid").asText()).isEqualTo(KEYS.keyId());
        assertThat(key.has("n")).isTrue();
        assertThat(key.has("e")).isTrue();
        assertThat(key.has("d")).as("no private exponent").isFalse();
        assertThat(JWKSet.parse(KEYS.jwksJson()).getKeys().get(0).toRSAKey().size()).isEqualTo(2048);
    }

    @Test
    void pemCertificateIsSelfSignedForThePublicKey() throws Exception {
        Map<String, String> certs = JSON.readValue(KEYS.pemCertificatesJson(), new TypeReference<>() {
        });
        assertThat(certs).containsOnlyKeys(KEYS.keyId());
        String pem = certs.get(KEYS.keyId());
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");

        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
        RSAPublicKey jwkPublicKey = JWKSet.parse(KEYS.jwksJson()).getKeys().get(0).toRSAKey().toRSAPublicKey();
        assertThat(certificate.getPublicKey()).isEqualTo(jwkPublicKey);
        certificate.verify(jwkPublicKey); // throws if the self-signature is wrong
        certificate.checkValidity();
        assertThat(certificate.getSubjectX500Principal()).isEqualTo(certificate.getIssuerX500Principal());
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withRSA");
    }

    @Test
    void everyInstanceHasItsOwnKeyAndKid() {
        OidcKeys other = new OidcKeys();
        assertThat(other.keyId()).isNotEqualTo(KEYS.keyId()).matches("[0-9a-f]{40}");
        assertThat(other.jwksJson()).isNotEqualTo(KEYS.jwksJson());
    }
}
