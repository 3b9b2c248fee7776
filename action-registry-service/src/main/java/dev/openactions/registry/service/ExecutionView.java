package dev.openactions.registry.service;

import dev.openactions.registry.domain.ExecutionEntity;
import java.time.Instant;
import java.util.List;

/**
 * A stored execution record, with the executor's {@code status} (completed, denied, failed, suspended);
 * {@code api.ExecutionResponse} turns it into Auth0's shape and values.
 */
public record ExecutionView(String id, String triggerId, String status, List<ExecutionEntity.ActionRun> results,
        Instant createdAt, Instant updatedAt) {

    static ExecutionView of(ExecutionEntity execution) {
        return new ExecutionView(execution.id, execution.triggerId, execution.status, List.copyOf(execution.results),
                execution.createdAt, execution.updatedAt);
    }
}
