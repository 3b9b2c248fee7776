package dev.openactions.registry.service;

import dev.openactions.registry.domain.ExecutionEntity;
import java.time.Instant;
import java.util.List;

/**
 * A stored execution record, with the executor's {@code status} (completed, denied, failed, suspended);
 * {@code api.ExecutionResponse} turns it into Auth0's shape and values.
 */
public record ExecutionView(
        String id, String triggerId, String status, List<ActionRun> results, Instant createdAt, Instant updatedAt) {

    /** One action's run, in flow order; {@code error} is null when it succeeded. */
    public record ActionRun(
            String actionId,
            String actionName,
            String versionId,
            int versionNumber,
            Instant startedAt,
            Instant endedAt,
            String error) {}

    static ExecutionView of(ExecutionEntity execution) {
        return new ExecutionView(
                execution.id,
                execution.triggerId,
                execution.status,
                execution.results.stream()
                        .map(r -> new ActionRun(
                                r.actionId(),
                                r.actionName(),
                                r.versionId(),
                                r.versionNumber(),
                                r.startedAt(),
                                r.endedAt(),
                                r.error()))
                        .toList(),
                execution.createdAt,
                execution.updatedAt);
    }
}
