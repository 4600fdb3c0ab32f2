package io.github.camelgcptasks.emulator.dispatch;

import io.github.camelgcptasks.emulator.oidc.OidcKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ID tokens for deliveries, one per (audience, service account), valid for an hour and reissued after five minutes,
 * so busy queues do not pay an RSA signature per request.
 */
final class IdTokenCache {

    static final Duration LIFETIME = Duration.ofHours(1);
    private static final Duration REISSUE_AFTER = Duration.ofMinutes(5);

    private record Key(String audience, String email) {
    }

    private record Token(String jwt, Instant issuedAt) {
    }

    private final OidcKeys keys;
    private final String issuer;
    private final Clock clock;
    private final ConcurrentHashMap<Key, Token> tokens = new ConcurrentHashMap<>();

    IdTokenCache(OidcKeys keys, String issuer, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.clock = clock;
    }

    String token(String audience, String email) {
        Instant now = clock.instant();
        Key key = new Key(audience, email);
        Token cached = tokens.get(key);
        if (cached == null || cached.issuedAt().plus(REISSUE_AFTER).isBefore(now)) {
            // whole seconds, as iat and exp are
            Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
            cached = new Token(keys.signIdToken(issuer, audience, email, issuedAt, issuedAt.plus(LIFETIME)), issuedAt);
            tokens.put(key, cached);
        }
        return cached.jwt();
    }
}
