package dev.openactions.registry.live;

import dev.openactions.contracts.ExecutionRecord;
import dev.openactions.registry.domain.ExecutionEntity;
import java.time.Instant;
import java.util.List;

/**
 * An execution as the console shows it, in the recent list and on the live stream: the executor's
 * own status (completed, denied, suspended, failed) and each action's error and logs (secret values
 * already redacted by the executor). Never carries the tenant: a caller only ever sees its own.
 */
public record LiveExecution(
        String id, String triggerId, String status, Instant createdAt, Instant updatedAt, List<Run> results) {

    /** One action's part. */
    public record Run(
            String actionId,
            String actionName,
            int versionNumber,
            Instant startedAt,
            Instant endedAt,
            String error,
            List<String> logs) {}

    static LiveExecution from(ExecutionRecord record) {
        return new LiveExecution(
                record.id(),
                record.triggerId(),
                record.status(),
                record.createdAt(),
                record.updatedAt(),
                record.results().stream()
                        .map(r -> new Run(
                                r.actionId(),
                                r.actionName(),
                                r.versionNumber(),
                                r.startedAt(),
                                r.endedAt(),
                                r.error(),
                                r.logs() == null ? List.of() : r.logs()))
                        .toList());
    }

    static LiveExecution from(ExecutionEntity entity) {
        return new LiveExecution(
                entity.id,
                entity.triggerId,
                entity.status,
                entity.createdAt,
                entity.updatedAt,
                entity.results.stream()
                        .map(r -> new Run(
                                r.actionId(),
                                r.actionName(),
                                r.versionNumber(),
                                r.startedAt(),
                                r.endedAt(),
                                r.error(),
                                r.logs() == null ? List.of() : r.logs()))
                        .toList());
    }

    boolean involves(String actionId) {
        return results.stream().anyMatch(r -> actionId.equals(r.actionId()));
    }
}
