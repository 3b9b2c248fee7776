package dev.openactions.registry.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.openactions.registry.config.RegistryConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * Management API rate limits per tenant, as Auth0 applies them: a token bucket per tenant (bucket4j)
 * of {@code registry.rate-limit.burst} requests refilled at {@code requests-per-second}. Buckets live
 * in this replica's memory (idle ones are dropped), so N replicas allow up to N times the rate.
 */
@ApplicationScoped
public class RateLimiter {
    /** The answer for one request: the headers to send, and whether it may proceed. */
    public record Decision(
            boolean allowed, long limit, long remaining, long resetEpochSeconds, long retryAfterSeconds) {}

    private final RegistryConfig.RateLimit config;
    private final Cache<String, Bucket> buckets;

    RateLimiter(RegistryConfig config) {
        this.config = config.rateLimit();
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(10))
                .maximumSize(100_000)
                .build();
    }

    public boolean enabled() {
        return config.enabled();
    }

    public Decision take(String tenant) {
        long capacity = config.burst();
        double perSecond = config.requestsPerSecond();
        Bucket bucket = buckets.get(
                tenant,
                t -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(capacity)
                                .refillGreedy(Math.max(1, Math.round(perSecond * 60)), Duration.ofMinutes(1))
                                .build())
                        .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long remaining = probe.getRemainingTokens();
        long now = Instant.now().getEpochSecond();
        // Reset: when the bucket is full again (allowed) or when the next request will be (refused), rounded up
        long secondsToFull = (long) Math.ceil((capacity - remaining) / perSecond);
        long retryAfter = (long) Math.ceil(probe.getNanosToWaitForRefill() / 1e9);
        return probe.isConsumed()
                ? new Decision(true, capacity, remaining, now + secondsToFull, 0)
                : new Decision(false, capacity, 0, now + Math.max(1, retryAfter), Math.max(1, retryAfter));
    }
}
