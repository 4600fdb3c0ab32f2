package io.github.camelgcptasks.emulator.dispatch;

import com.google.cloud.tasks.v2.RetryConfig;
import com.google.protobuf.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffPolicyTest {

    private static BackoffPolicy policy(long minSeconds, long maxSeconds, int doublings, int attempts,
                                        long retryDurationSeconds) {
        return BackoffPolicy.of(RetryConfig.newBuilder()
                .setMinBackoff(Duration.newBuilder().setSeconds(minSeconds))
                .setMaxBackoff(Duration.newBuilder().setSeconds(maxSeconds))
                .setMaxDoublings(doublings)
                .setMaxAttempts(attempts)
                .setMaxRetryDuration(Duration.newBuilder().setSeconds(retryDurationSeconds))
                .build());
    }

    @Test
    void matchesTheDocumentedExample() {
        BackoffPolicy policy = policy(10, 300, 3, 100, 0);

        assertThat(IntStream.rangeClosed(1, 8).mapToLong(n -> policy.backoff(n).toSeconds()))
                .containsExactly(10L, 20L, 40L, 80L, 160L, 240L, 300L, 300L);
    }

    @Test
    void serviceDefaultsDoubleSixteenTimesUpToAnHour() {
        BackoffPolicy policy = policy(0, 0, 16, 100, 0);
        BackoffPolicy defaults = BackoffPolicy.of(RetryConfig.newBuilder()
                .setMinBackoff(Duration.newBuilder().setNanos(100_000_000))
                .setMaxBackoff(Duration.newBuilder().setSeconds(3600)).setMaxDoublings(16).build());

        assertThat(defaults.backoff(1).toMillis()).isEqualTo(100);
        assertThat(defaults.backoff(10).toMillis()).isEqualTo(51_200);
        assertThat(defaults.backoff(16).toMillis()).isEqualTo(3_276_800); // 0.1 s * 2^15
        assertThat(defaults.backoff(17).toSeconds()).isEqualTo(3600);    // 0.1 s * 2^16 = 6553.6 s, capped
        assertThat(defaults.backoff(1_000_000).toSeconds()).isEqualTo(3600);
        assertThat(policy.backoff(3)).isZero();
    }

    @Test
    void stopsWhenAttemptsAreSpentAndTheRetryDurationHasPassed() {
        Instant first = Instant.parse("2030-01-01T00:00:00Z");
        BackoffPolicy attemptsOnly = policy(1, 10, 16, 3, 0);
        assertThat(attemptsOnly.nextAttempt(2, first, first.plusSeconds(5))).isEqualTo(first.plusSeconds(7));
        assertThat(attemptsOnly.nextAttempt(3, first, first.plusSeconds(5))).isNull();

        BackoffPolicy both = policy(1, 10, 16, 3, 60);
        assertThat(both.nextAttempt(3, first, first.plusSeconds(30))).as("duration not yet passed").isNotNull();
        assertThat(both.nextAttempt(3, first, first.plusSeconds(60))).isNull();

        BackoffPolicy unlimited = policy(1, 10, 16, -1, 0);
        assertThat(unlimited.nextAttempt(10_000, first, first.plusSeconds(1_000_000))).isNotNull();
    }
}
