package io.github.camelgcptasks.emulator.oidc;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The emulator's OIDC signing key: one RSA-2048 key pair with a random key id, generated once per instance.
 * <p>
 * It signs Google-style ID tokens (RS256) and publishes its public half the two ways Google does: as a JWK set
 * (oauth2/v3/certs) and as PEM certificates keyed by kid (oauth2/v1/certs). The key lives only in memory, so a new
 * instance means a new key and kid.
 * <p>
 * The key pair is generated when first needed (a token to sign, a document to serve), not when the instance is
 * made: RSA key generation and the certificate take about 80 ms even on a quiet core, and most emulators started
 * by tests never sign a token.
 */
public final class OidcKeys {

    private static final int KEY_SIZE = 2048;
    // Clients only read the public key out of the certificate; a long validity avoids surprising "expired" warnings
    // in tools that look at it, for an emulator that may run for a long time.
    private static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(3650);
    private static final String CERTIFICATE_CN = "camel-gcp-tasks emulator OIDC signing key";
    private static final BigInteger TWENTY_DIGITS = BigInteger.TEN.pow(20);

    /** The kid to give the key, or null for a random one. */
    private final String requestedKeyId;
    private volatile Material material;

    /** The key pair and what is derived from it, all immutable for the life of the key. */
    private record Material(String keyId, RSASSASigner signer, String jwksJson, String pemCertificatesJson) {
    }

    /** Generates a fresh RSA-2048 key pair and a random key id, both when first needed. */
    public OidcKeys() {
        this.requestedKeyId = null;
    }

    /** Package-private so tests can build a second key under the same kid, as an impostor would. */
    OidcKeys(String keyId) {
        this.requestedKeyId = Objects.requireNonNull(keyId, "keyId");
    }

    private Material material() {
        Material generated = material;
        if (generated == null) {
            synchronized (this) {
                generated = material;
                if (generated == null) {
                    // the random kid too: SecureRandom's set-up is another 100 classes at start
                    generated = generate(requestedKeyId != null ? requestedKeyId : randomKeyId());
                    material = generated;
                }
            }
        }
        return generated;
    }

    private static Material generate(String keyId) {
        try {
            RSAKey rsaKey = new RSAKeyGenerator(KEY_SIZE)
                    .keyID(keyId)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            // Both documents are immutable for the life of the key, so render them once.
            X509Certificate certificate = SelfSignedCertificate.create(
                    rsaKey.toKeyPair(), CERTIFICATE_CN, Instant.now().minus(Duration.ofDays(1)), CERTIFICATE_VALIDITY);
            return new Material(keyId, new RSASSASigner(rsaKey), new JWKSet(rsaKey.toPublicJWK()).toString(),
                                // a mapper of its own: the document is written once per key, and a shared one
                                // would load Jackson when the class loads, at every start
                                new ObjectMapper().writeValueAsString(Map.of(keyId, toPem(certificate))));
        } catch (JOSEException | JsonProcessingException | CertificateEncodingException e) {
            throw new IllegalStateException("Cannot create the OIDC signing key", e);
        }
    }

    public String keyId() {
        return material().keyId();
    }

    /**
     * Signs an ID token shaped like the ones Google issues for Cloud Tasks' {@code oidc_token}.
     *
     * @param issuer    {@code iss}
     * @param audience  {@code aud}, written as a single string (TokenVerifier compares it with {@code equals})
     * @param email     the service account; also gives {@code sub}
     * @param issuedAt  {@code iat}, whole seconds
     * @param expiresAt {@code exp}, whole seconds
     * @return the compact serialised JWT
     */
    public String signIdToken(String issuer, String audience, String email, Instant issuedAt, Instant expiresAt) {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(keyId())
                .type(JOSEObjectType.JWT)
                .build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subjectFor(email))
                .claim("email", email)
                .claim("email_verified", true)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(material().signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign the ID token", e);
        }
        return jwt.serialize();
    }

    /** The public key as a JWK set: {@code {"keys":[{kty,alg,use,kid,n,e}]}}. */
    public String jwksJson() {
        return material().jwksJson();
    }

    /** The public key as {@code {"<kid>":"-----BEGIN CERTIFICATE-----\n..."}}, a self-signed certificate. */
    public String pemCertificatesJson() {
        return material().pemCertificatesJson();
    }

    /**
     * Google's {@code sub} for a service account is its numeric unique id (21 digits starting with 1). The emulator
     * has no such id, so it derives one from the email: the same account always gets the same subject.
     */
    static String subjectFor(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(email.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            BigInteger number = new BigInteger(1, digest).mod(TWENTY_DIGITS);
            return "1" + String.format(Locale.ROOT, "%020d", number);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String randomKeyId() {
        // 20 random bytes in hex: the same shape as Google's kids.
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String toPem(X509Certificate certificate) throws CertificateEncodingException {
        Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] { '\n' });
        return "-----BEGIN CERTIFICATE-----\n"
                + base64.encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
