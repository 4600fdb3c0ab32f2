package io.github.camelgcptasks.component.producer;

import java.util.concurrent.TimeUnit;

import io.github.camelgcptasks.component.GcpTasksConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The retry policy's arithmetic and its option checks; the retries themselves are tested against the emulator in
 * {@link ProducerRetryTest}.
 */
class CreateTaskRetrierTest {

    private static GcpTasksConfiguration options(long initialMillis, long maxMillis) {
        GcpTasksConfiguration configuration = new GcpTasksConfiguration();
        configuration.setRetryInitialBackoff(initialMillis);
        configuration.setRetryMaxBackoff(maxMillis);
        return configuration;
    }

    private static long waitMillis(CreateTaskRetrier retrier, int attempt) {
        return TimeUnit.NANOSECONDS.toMillis(retrier.backoffNanos(attempt));
    }

    @Test
    void waitsDoubleUpToTheCapAndAreShortenedByAtMostAHalf() {
        CreateTaskRetrier retrier = new CreateTaskRetrier(null, null, options(100, 1000), null);

        for (int i = 0; i < 200; i++) {
            assertThat(waitMillis(retrier, 1)).isBetween(50L, 100L);
            assertThat(waitMillis(retrier, 2)).isBetween(100L, 200L);
            assertThat(waitMillis(retrier, 3)).isBetween(200L, 400L);
            assertThat(waitMillis(retrier, 4)).isBetween(400L, 800L);
            assertThat(waitMillis(retrier, 5)).isBetween(500L, 1000L);
            // far past the cap, no overflow
            assertThat(waitMillis(retrier, 500)).isBetween(500L, 1000L);
        }
    }

    @Test
    void zeroInitialBackoffRetriesAtOnce() {
        CreateTaskRetrier retrier = new CreateTaskRetrier(null, null, options(0, 0), null);

        assertThat(retrier.backoffNanos(1)).isZero();
        assertThat(retrier.backoffNanos(7)).isZero();
    }

    @Test
    void optionsThatCannotWorkNameTheOptionAndTheLimit() {
        GcpTasksConfiguration noAttempt = options(100, 1000);
        noAttempt.setRetryMaxAttempts(0);
        GcpTasksConfiguration negative = options(-1, 1000);
        GcpTasksConfiguration inverted = options(2000, 1000);
        GcpTasksConfiguration noTime = options(100, 1000);
        noTime.setRetryTimeout(0);

        assertThatThrownBy(() -> CreateTaskRetrier.checkOptions(noAttempt))
                .hasMessage("retryMaxAttempts must be at least 1 (the first attempt), not 0");
        assertThatThrownBy(() -> CreateTaskRetrier.checkOptions(negative))
                .hasMessage("retryInitialBackoff must not be negative, not -1 ms");
        assertThatThrownBy(() -> CreateTaskRetrier.checkOptions(inverted))
                .hasMessage("retryMaxBackoff (1000 ms) must be at least retryInitialBackoff (2000 ms)");
        assertThatThrownBy(() -> CreateTaskRetrier.checkOptions(noTime))
                .hasMessage("retryTimeout must be positive, not 0 ms");
    }
}
