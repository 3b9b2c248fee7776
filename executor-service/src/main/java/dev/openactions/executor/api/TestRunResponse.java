package dev.openactions.executor.api;

import dev.openactions.executor.flow.FlowResult;
import java.util.List;

/**
 * The result of a test run, for the tenant who wrote the action: unlike a flow response it includes
 * the action's own error and console output (secret values redacted).
 */
public record TestRunResponse(FlowResponse.Status status, List<FlowResponse.IssuedCommand> commands, EffectsResponse effects,
        List<String> logs, Error error) {

    public record Error(String message, String stack) {
    }

    static TestRunResponse from(FlowResult result) {
        FlowResult.ActionDetail detail = result.runs().isEmpty() ? null : result.runs().get(0).detail();
        Error error = detail == null || detail.errorMessage() == null ? null : new Error(detail.errorMessage(), detail.errorStack());
        return new TestRunResponse(FlowResponse.Status.from(result.status()), FlowResponse.IssuedCommand.from(result.commands()),
                EffectsResponse.from(result.effects()), detail == null ? List.of() : detail.logs(), error);
    }
}
