package io.github.camelgcptasks.emulator.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * The emulator's signing key: an RSA-2048 key pair with a key id, generated at construction, and RS256 ID tokens
 * signed with it.
 */
public final class OidcKeys {

    private final RSAKey key;
    private final RSASSASigner signer;

    public OidcKeys() {
        try {
            key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .algorithm(JWSAlgorithm.RS256)
                    .keyUse(KeyUse.SIGNATURE)
                    .generate();
            signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    public String keyId() {
        return key.getKeyID();
    }

    /** The public key as a JWKS document. */
    public String jwksJson() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** An RS256 ID token with iss, aud, sub and email (the service account), email_verified, iat and exp. */
    public String signIdToken(String issuer, String audience, String email, Instant issuedAt, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(email)
                .claim("email", email)
                .claim("email_verified", true)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an ID token", e);
        }
        return jwt.serialize();
    }
}
