package dev.openactions.executor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Retry backoff (ADR 0007) as plain arithmetic: exponential from the initial delay, capped. */
class RetryPolicyTest {
    private static final RetryPolicy DEFAULTS = new RetryPolicy(4, Duration.ofSeconds(1), 4, Duration.ofMinutes(1));

    @Test
    void theSecondAttemptWaitsTheInitialDelayAndEachLaterOneMultipliesIt() {
        assertThat(DEFAULTS.delayBefore(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(DEFAULTS.delayBefore(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(DEFAULTS.delayBefore(4)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void noDelayIsLongerThanTheCap() {
        assertThat(DEFAULTS.delayBefore(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(DEFAULTS.delayBefore(50)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anAttemptBeforeTheSecondWaitsTheInitialDelay() {
        assertThat(DEFAULTS.delayBefore(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(DEFAULTS.delayBefore(0)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aMultiplierOfOneWaitsTheSameEachTime() {
        RetryPolicy constant = new RetryPolicy(10, Duration.ofMillis(250), 1, Duration.ofMinutes(1));
        assertThat(constant.delayBefore(2)).isEqualTo(constant.delayBefore(9)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void atLeastOneAttemptIsMadeWhateverIsConfigured() {
        assertThat(DEFAULTS.maxAttempts()).isEqualTo(4);
        assertThat(new RetryPolicy(0, Duration.ofSeconds(1), 2, Duration.ofSeconds(5)).maxAttempts())
                .isEqualTo(1);
        assertThat(new RetryPolicy(-3, Duration.ofSeconds(1), 2, Duration.ofSeconds(5)).maxAttempts())
                .isEqualTo(1);
    }
}
