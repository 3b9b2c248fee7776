package dev.openactions.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long the build worker waits before asking an unreachable executor again. */
class BuildBackoffTest {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void doublesFromTheInitialDelayPerAttempt() {
        assertThat(BuildWorker.backoff(SECOND, MINUTE, 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(BuildWorker.backoff(SECOND, MINUTE, 2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(BuildWorker.backoff(SECOND, MINUTE, 3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(BuildWorker.backoff(SECOND, MINUTE, 6)).isEqualTo(Duration.ofSeconds(32));
    }

    @Test
    void isCappedAtTheMaximumAfterAtMostThirtyDoublings() {
        assertThat(BuildWorker.backoff(SECOND, MINUTE, 7)).isEqualTo(MINUTE);
        assertThat(BuildWorker.backoff(SECOND, MINUTE, 1_000)).isEqualTo(MINUTE);
        assertThat(BuildWorker.backoff(Duration.ofDays(1000), MINUTE, Integer.MAX_VALUE))
                .isEqualTo(MINUTE);
    }

    @Test
    void noAttemptYetWaitsTheInitialDelay() {
        assertThat(BuildWorker.backoff(SECOND, MINUTE, 0)).isEqualTo(SECOND);
    }
}
