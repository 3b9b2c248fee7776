package dev.openactions.executor.events;

import dev.openactions.executor.config.EventsConfig;
import java.time.Duration;

/**
 * How often a failed identity event is tried and how long it waits in between (ADR 0007):
 * exponential backoff from {@code initialDelay}, times {@code multiplier} per attempt, capped at
 * {@code maxDelay}. Kept apart from the channels so the arithmetic is tested without a running service.
 */
record RetryPolicy(int attempts, Duration initialDelay, double multiplier, Duration maxDelay) {

    static RetryPolicy of(EventsConfig.Retry retry) {
        return new RetryPolicy(retry.maxAttempts(), retry.initialDelay(), retry.multiplier(), retry.maxDelay());
    }

    /** Tries in all, the first included; at least one, whatever is configured. */
    int maxAttempts() {
        return Math.max(1, attempts);
    }

    /** How long to wait before the given attempt (2 or later): initial delay × multiplier^(attempt-2), capped. */
    Duration delayBefore(int attempt) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 2));
        return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
    }
}
