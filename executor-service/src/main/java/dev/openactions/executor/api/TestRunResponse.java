package dev.openactions.executor.api;

import dev.openactions.executor.flow.FlowEffects;
import dev.openactions.executor.flow.FlowResult;
import java.util.List;

/**
 * The result of a test run, for the tenant who wrote the action: unlike a flow response it includes
 * the action's own error and console output (secret values redacted).
 */
public record TestRunResponse(FlowResult.Status status, List<FlowResult.IssuedCommand> commands, FlowEffects effects,
        List<String> logs, Error error) {

    public record Error(String message, String stack) {
    }

    static TestRunResponse from(FlowResult result) {
        FlowResult.ActionDetail detail = result.details().isEmpty() ? null : result.details().get(0);
        Error error = detail == null || detail.errorMessage() == null ? null : new Error(detail.errorMessage(), detail.errorStack());
        return new TestRunResponse(result.status(), result.commands(), result.effects(),
                detail == null ? List.of() : detail.logs(), error);
    }
}
