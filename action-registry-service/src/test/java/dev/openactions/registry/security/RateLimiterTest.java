package dev.openactions.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.registry.config.ConfigMappings;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-tenant token bucket without a Quarkus boot (RateLimitTest covers the headers over HTTP). */
class RateLimiterTest {

    private final RateLimiter limiter = new RateLimiter(ConfigMappings.registry(
            Map.of("registry.rate-limit.burst", "3", "registry.rate-limit.requests-per-second", "1")));

    @Test
    void allowsABurstThenRefusesWithARetryAfter() {
        assertThat(limiter.take("t1").remaining()).isEqualTo(2);
        assertThat(limiter.take("t1").remaining()).isEqualTo(1);
        RateLimiter.Decision last = limiter.take("t1");
        assertThat(last.allowed()).isTrue();
        assertThat(last.remaining()).isZero();

        RateLimiter.Decision refused = limiter.take("t1");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo(3);
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 2L);
        assertThat(refused.resetEpochSeconds()).isGreaterThan(Instant.now().getEpochSecond());
    }

    @Test
    void eachTenantHasItsOwnBucket() {
        for (int i = 0; i < 3; i++) {
            limiter.take("busy");
        }
        assertThat(limiter.take("busy").allowed()).isFalse();
        RateLimiter.Decision other = limiter.take("quiet");
        assertThat(other.allowed()).isTrue();
        assertThat(other.remaining()).isEqualTo(2);
    }

    @Test
    void anAllowedRequestSaysWhenTheBucketIsFullAgain() {
        long before = Instant.now().getEpochSecond();
        RateLimiter.Decision first = limiter.take("t2");
        // one token used at one per second: full again within a second or two
        assertThat(first.resetEpochSeconds()).isBetween(before + 1, before + 2);
        assertThat(first.retryAfterSeconds()).isZero();
    }
}
