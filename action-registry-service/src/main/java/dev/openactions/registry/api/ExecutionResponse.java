package dev.openactions.registry.api;

import dev.openactions.registry.service.ExecutionView;
import java.time.Instant;
import java.util.List;

/**
 * An execution in Auth0's shape ({@code GET /api/v2/actions/executions/{id}}). {@code status} uses
 * Auth0's values: {@code final} once the flow ended (completed, denied or failed — see each result's
 * {@code error}), {@code suspended} while a redirect waits for the user.
 */
public record ExecutionResponse(
        String id, String triggerId, String status, List<Result> results, Instant createdAt, Instant updatedAt) {

    /** One action's run; {@code error} is null when it succeeded. */
    public record Result(String actionName, ActionError error, Instant startedAt, Instant endedAt) {}

    /** Auth0's error shape. */
    public record ActionError(String id, String msg, String url) {}

    static String auth0Status(String executorStatus) {
        return switch (executorStatus) {
            case "completed", "denied", "failed" -> "final";
            case "suspended" -> "suspended";
            default -> "unspecified";
        };
    }

    public static ExecutionResponse from(ExecutionView execution) {
        return new ExecutionResponse(
                execution.id(),
                execution.triggerId(),
                auth0Status(execution.status()),
                execution.results().stream()
                        .map(r -> new Result(
                                r.actionName(),
                                r.error() == null ? null : new ActionError("action_error", r.error(), null),
                                r.startedAt(),
                                r.endedAt()))
                        .toList(),
                execution.createdAt(),
                execution.updatedAt());
    }
}
