package io.github.camelgcptasks.component.consumer.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.google.api.client.json.webtoken.JsonWebSignature;
import com.google.api.client.json.webtoken.JsonWebToken;
import com.google.auth.oauth2.TokenVerifier;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * Verifies the OIDC ID tokens Cloud Tasks attaches to deliveries: RS256 signature by a key published at the
 * certificates location (JWKS or PEM certificates JSON), not expired, already valid ({@code nbf} and {@code iat} not
 * later than now plus the allowed clock skew, as RFC 7519 asks; google-auth checks {@code exp} only), and issued by
 * one of the accepted issuers. It
 * wraps google-auth's {@link TokenVerifier}, built once so the keys it fetched stay cached; when a token names a key
 * that is not in that cache (Google rotated its keys, or an earlier fetch failed and left the cache empty), the
 * verifier is rebuilt to fetch the keys again, at most once per {@link #KEY_REFRESH_INTERVAL_SECONDS} seconds.
 * <p>
 * A token that passed is remembered, keyed on the whole token, until its {@code exp}: a sender reuses a token for many
 * deliveries (the emulator signs one per account and audience and reuses it for five minutes), and on Vert.x
 * each delivery is checked twice (before and after its body is read), so without this every delivery paid two RSA
 * signature checks and two JSON parses. A
 * remembered token is still refused once expired, and its {@code nbf} and {@code iat} are checked again each time;
 * only the signature and issuer, which cannot change for the same text, are not. At most
 * {@value #VERIFIED_TOKENS_KEPT} tokens are remembered, about the least recently used going first.
 * <p>
 * The audience and the account are not checked here; {@link DeliveryAuthenticator} decides on those.
 */
public final class OidcTokenVerifier {

    /** The issuers Google puts in ID tokens, both accepted when no issuer is configured. */
    public static final Set<String> GOOGLE_ISSUERS = Set.of("https://accounts.google.com", "accounts.google.com");

    /** The shortest time between two refetches of the keys triggered by tokens with unknown key ids. */
    public static final long KEY_REFRESH_INTERVAL_SECONDS = 60;

    /** How far ahead of this machine's clock {@code nbf} and {@code iat} may lie when no skew is configured. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    /** How many verified tokens are remembered: a consumer sees one per account and audience at a time. */
    public static final int VERIFIED_TOKENS_KEPT = 1024;

    private final String certificatesLocation;
    private final Set<String> issuers;
    private final Duration clockSkew;
    private final Clock clock;
    private final Cache<String, Verified> verified = CacheBuilder.newBuilder().maximumSize(VERIFIED_TOKENS_KEPT)
            .build();
    private volatile TokenVerifier delegate;
    private volatile long lastRefresh = System.nanoTime() - TimeUnit.SECONDS.toNanos(KEY_REFRESH_INTERVAL_SECONDS);

    /**
     * @param certificatesLocation where the signing keys are published
     * @param issuers              the accepted {@code iss} values
     */
    public OidcTokenVerifier(String certificatesLocation, Set<String> issuers) {
        this(certificatesLocation, issuers, DEFAULT_CLOCK_SKEW, Clock.systemUTC());
    }

    /**
     * @param certificatesLocation where the signing keys are published
     * @param issuers              the accepted {@code iss} values
     * @param clockSkew            how far ahead of {@code clock} a token's {@code nbf} and {@code iat} may lie
     * @param clock                the time tokens are checked against
     */
    public OidcTokenVerifier(String certificatesLocation, Set<String> issuers, Duration clockSkew, Clock clock) {
        if (certificatesLocation == null || certificatesLocation.isBlank()) {
            throw new IllegalArgumentException("oidcCertificatesLocation must be set to verify OIDC tokens");
        }
        if (issuers.isEmpty()) {
            throw new IllegalArgumentException("at least one OIDC issuer must be accepted");
        }
        this.certificatesLocation = certificatesLocation;
        if (clockSkew == null || clockSkew.isNegative()) {
            throw new IllegalArgumentException("oidcClockSkew must be zero or positive, not " + clockSkew);
        }
        this.issuers = Set.copyOf(issuers);
        this.clockSkew = clockSkew;
        this.clock = clock;
        this.delegate = newDelegate();
    }

    private TokenVerifier newDelegate() {
        // google-auth checks exp against this clock, as the remembered tokens are
        return TokenVerifier.newBuilder().setCertificatesLocation(certificatesLocation).setClock(clock::millis).build();
    }

    /**
     * Verifies a token.
     *
     * @return                   its claims
     * @throws InvalidTokenException saying what is wrong, never quoting the token
     */
    public Claims verify(String token) throws InvalidTokenException {
        Verified known = verified.getIfPresent(token);
        boolean remembered = known != null;
        if (!remembered) {
            known = verifySignatureAndIssuer(token);
        } else if (clock.millis() / 1000 >= known.expirySeconds()) {
            // the rule google-auth applies: valid while exp is after the current second
            verified.invalidate(token);
            throw new InvalidTokenException("Token is expired");
        }
        Instant latestAccepted = clock.instant().plus(clockSkew);
        checkNotAhead("nbf", known.notBeforeSeconds(), latestAccepted);
        checkNotAhead("iat", known.issuedAtSeconds(), latestAccepted);
        if (!remembered) {
            verified.put(token, known);
        }
        return known.claims();
    }

    private Verified verifySignatureAndIssuer(String token) throws InvalidTokenException {
        JsonWebSignature jws;
        try {
            jws = verifyRefreshingKeys(token);
        } catch (TokenVerifier.VerificationException e) {
            throw new InvalidTokenException(e.getMessage());
        } catch (RuntimeException e) {
            // a token that is not a JWT at all makes the parser throw unchecked exceptions
            throw new InvalidTokenException("not a well-formed JWT");
        }
        JsonWebToken.Payload payload = jws.getPayload();
        if (payload.getExpirationTimeSeconds() == null) {
            throw new InvalidTokenException("token has no expiry (exp)");
        }
        if (payload.getIssuer() == null || !issuers.contains(payload.getIssuer())) {
            throw new InvalidTokenException("unexpected issuer " + payload.getIssuer());
        }
        List<String> audiences = payload.getAudienceAsList();
        Object email = payload.get("email");
        Object emailVerified = payload.get("email_verified");
        Claims claims = new Claims(audiences == null ? List.of() : List.copyOf(audiences),
                                   email == null ? null : email.toString(),
                                   Boolean.TRUE.equals(emailVerified) || "true".equals(emailVerified));
        return new Verified(claims, payload.getExpirationTimeSeconds(), payload.getNotBeforeTimeSeconds(),
                            payload.getIssuedAtTimeSeconds());
    }

    /**
     * Whether this exact token passed before and is still remembered: checking it again then needs neither its
     * signature nor the keys, so an HTTP engine may do it on its event loop.
     */
    public boolean remembers(String token) {
        return verified.getIfPresent(token) != null;
    }

    /** A token whose signature and issuer passed, with the times that decide whether it is valid now. */
    private record Verified(Claims claims, long expirySeconds, Long notBeforeSeconds, Long issuedAtSeconds) {
    }

    /** RFC 7519: a token must not be accepted before its nbf; one issued in the future is no better. */
    private void checkNotAhead(String claim, Long epochSeconds, Instant latestAccepted) throws InvalidTokenException {
        if (epochSeconds != null && Instant.ofEpochSecond(epochSeconds).isAfter(latestAccepted)) {
            throw new InvalidTokenException("token not yet valid: " + claim + " " + Instant.ofEpochSecond(epochSeconds)
                                            + " is more than " + clockSkew.toSeconds()
                                            + " s (oidcClockSkew) ahead of this machine's clock");
        }
    }

    private JsonWebSignature verifyRefreshingKeys(String token) throws TokenVerifier.VerificationException {
        TokenVerifier current = delegate;
        try {
            return current.verify(token);
        } catch (TokenVerifier.VerificationException e) {
            if (!isUnknownKey(e) || !refreshKeys(current)) {
                throw e;
            }
            return delegate.verify(token);
        }
    }

    private static boolean isUnknownKey(TokenVerifier.VerificationException e) {
        String message = e.getMessage();
        return message != null && (message.startsWith("Could not find PublicKey")
                                   || message.startsWith("Error fetching PublicKey"));
    }

    private synchronized boolean refreshKeys(TokenVerifier seen) {
        if (delegate != seen) {
            // another thread refreshed meanwhile
            return true;
        }
        long now = System.nanoTime();
        if (now - lastRefresh < TimeUnit.SECONDS.toNanos(KEY_REFRESH_INTERVAL_SECONDS)) {
            return false;
        }
        lastRefresh = now;
        delegate = newDelegate();
        return true;
    }

    public String getCertificatesLocation() {
        return certificatesLocation;
    }

    public Set<String> getIssuers() {
        return issuers;
    }

    public Duration getClockSkew() {
        return clockSkew;
    }

    /**
     * The claims of a verified token that the consumer decides on.
     *
     * @param audiences     the {@code aud} values
     * @param email         the {@code email} claim: the service account the token was issued for
     * @param emailVerified whether {@code email_verified} is true
     */
    public record Claims(List<String> audiences, String email, boolean emailVerified) {
    }

    /** A token that is not a valid token from the configured issuer and keys. */
    public static final class InvalidTokenException extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidTokenException(String reason) {
            super(reason);
        }
    }
}
