package io.github.camelgcptasks.component.consumer.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Set;

import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A verified token is remembered so the next deliveries skip the signature check; these show that remembering never
 * accepts what a fresh check would refuse. Tokens are signed by the emulator's key and the keys fetched from its JWKS
 * over HTTP; the verifier's clock is moved by hand.
 */
class OidcTokenVerifierTest {

    @RegisterExtension
    static final CloudTasksEmulatorExtension EMULATOR = new CloudTasksEmulatorExtension();

    private static final String AUDIENCE = "http://127.0.0.1:8080/gcp-tasks/orders";
    private static final String ACCOUNT = "tasks@verifier-it.iam.gserviceaccount.com";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final MovableClock clock = new MovableClock(NOW);
    private OidcTokenVerifier verifier;

    @BeforeEach
    void newVerifier() {
        CloudTasksEmulator emulator = EMULATOR.emulator();
        verifier = new OidcTokenVerifier(emulator.jwksUrl(), Set.of(emulator.openIdIssuer()), Duration.ofSeconds(60),
                                         clock);
    }

    private static String token(Instant issuedAt, Instant expiresAt) {
        return EMULATOR.emulator().issueIdToken(AUDIENCE, ACCOUNT, issuedAt, expiresAt);
    }

    @Test
    void aRememberedTokenIsRefusedFromTheSecondOfItsExpiry() throws Exception {
        String token = token(NOW.minusSeconds(60), NOW.plusSeconds(600));
        assertThat(verifier.verify(token).email()).isEqualTo(ACCOUNT);
        assertThat(verifier.remembers(token)).isTrue();

        clock.set(NOW.plusSeconds(599));
        assertThat(verifier.verify(token).audiences()).containsExactly(AUDIENCE);
        clock.set(NOW.plusSeconds(600));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(OidcTokenVerifier.InvalidTokenException.class)
                .hasMessageContaining("expired");
        assertThat(verifier.remembers(token)).isFalse();
        assertThatThrownBy(() -> verifier.verify(token)).hasMessageContaining("expired");
    }

    @Test
    void onlyTheWholeTokenIsRemembered() throws Exception {
        String token = token(NOW.minusSeconds(60), NOW.plusSeconds(3600));
        verifier.verify(token);
        String[] parts = token.split("\\.");
        String otherSignature = token(NOW.minusSeconds(30), NOW.plusSeconds(3600)).split("\\.")[2];
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), UTF_8).replace(ACCOUNT, "intruder@evil.example")
                        .getBytes(UTF_8));

        for (String forged : new String[] { parts[0] + "." + parts[1] + "." + otherSignature,
                parts[0] + "." + otherPayload + "." + parts[2], token + "x" }) {
            assertThat(verifier.remembers(forged)).as(forged).isFalse();
            assertThatThrownBy(() -> verifier.verify(forged)).as(forged)
                    .isInstanceOf(OidcTokenVerifier.InvalidTokenException.class);
        }
        assertThat(verifier.verify(token).email()).isEqualTo(ACCOUNT);
    }

    @Test
    void aTokenNotYetValidIsRefusedUntilItIsAndNotRemembered() throws Exception {
        String early = token(NOW.plusSeconds(300), NOW.plusSeconds(3600));
        assertThatThrownBy(() -> verifier.verify(early)).hasMessageContaining("not yet valid");
        assertThat(verifier.remembers(early)).isFalse();

        clock.set(NOW.plusSeconds(300));
        assertThat(verifier.verify(early).email()).isEqualTo(ACCOUNT);
        // iat is checked on every use, remembered or not: a clock set back refuses it again
        clock.set(NOW);
        assertThatThrownBy(() -> verifier.verify(early)).hasMessageContaining("not yet valid");
    }

    /** A clock the test moves; tokens carry whole seconds, so it does too. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
