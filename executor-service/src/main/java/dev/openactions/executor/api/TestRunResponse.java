package dev.openactions.executor.api;

import dev.openactions.executor.flow.FlowResult;
import java.time.Duration;
import java.util.List;

/**
 * The result of a test run, for the tenant who wrote the action: unlike a flow response it includes
 * the action's own error and console output (secret values redacted), and how long it ran against its limit.
 */
public record TestRunResponse(FlowResponse.Status status, List<FlowResponse.IssuedCommand> commands, EffectsResponse effects,
        List<String> logs, Error error, Long durationMs, long timeLimitMs) {

    public record Error(String message, String stack) {
    }

    /**
     * {@code durationMs}: how long the action's run took (its secrets fetched, its handler run to
     * settling), null when it did not start; {@code timeLimitMs}: the limit it ran under ({@code executor.limits.action-timeout}),
     * so that the marketplace review can say whether it finished well within it.
     */
    static TestRunResponse from(FlowResult result, Duration timeLimit) {
        FlowResult.ActionRun run = result.runs().isEmpty() ? null : result.runs().get(0);
        FlowResult.ActionDetail detail = run == null ? null : run.detail();
        Error error = detail == null || detail.errorMessage() == null ? null : new Error(detail.errorMessage(), detail.errorStack());
        Long duration = run == null || run.result().startedAt() == null || run.result().endedAt() == null ? null
                : Duration.between(run.result().startedAt(), run.result().endedAt()).toMillis();
        return new TestRunResponse(FlowResponse.Status.from(result.status()), FlowResponse.IssuedCommand.from(result.commands()),
                EffectsResponse.from(result.effects()), detail == null ? List.of() : detail.logs(), error, duration,
                timeLimit.toMillis());
    }
}
