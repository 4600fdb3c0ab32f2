package io.github.camelgcptasks.component.consumer.security;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static io.github.camelgcptasks.component.consumer.security.RefusalLogThrottle.SUPPRESSED;
import static org.assertj.core.api.Assertions.assertThat;

class RefusalLogThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final RefusalLogThrottle throttle = new RefusalLogThrottle(Duration.ofSeconds(10), now::get);

    @Test
    void firstRefusalIsLoggedAndTheRestOfTheIntervalIsCounted() {
        assertThat(throttle.admit()).isZero();
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        assertThat(throttle.admit()).isEqualTo(SUPPRESSED);
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(throttle.admit()).isEqualTo(SUPPRESSED);
    }

    @Test
    void theNextLoggedRefusalReportsHowManyWereLeftOut() {
        throttle.admit();
        throttle.admit();
        throttle.admit();
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(throttle.admit()).isEqualTo(2);
        // the count starts again after it was reported
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(throttle.admit()).isZero();
    }

    @Test
    void aQuietConsumerLogsEveryRefusal() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.admit()).isZero();
            now.addAndGet(Duration.ofSeconds(11).toNanos());
        }
    }
}
