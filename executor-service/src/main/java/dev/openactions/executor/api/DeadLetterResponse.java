package dev.openactions.executor.api;

import dev.openactions.executor.deadletters.DeadLetters;
import java.time.Instant;

/** One dead-lettered identity event as operators see it: where it sits, why it failed, where it first arrived. */
public record DeadLetterResponse(
        String deadLetterTopic,
        int partition,
        long offset,
        String key,
        String eventId,
        String tenantId,
        String kind,
        String reason,
        Integer attempts,
        String action,
        String originalTopic,
        Integer originalPartition,
        Long originalOffset,
        Instant deadLetteredAt) {

    static DeadLetterResponse from(DeadLetters.Entry e) {
        return new DeadLetterResponse(
                e.deadLetterTopic(),
                e.partition(),
                e.offset(),
                e.key(),
                e.eventId(),
                e.tenantId(),
                e.kind(),
                e.reason(),
                e.attempts(),
                e.action(),
                e.originalTopic(),
                e.originalPartition(),
                e.originalOffset(),
                e.deadLetteredAt());
    }
}
