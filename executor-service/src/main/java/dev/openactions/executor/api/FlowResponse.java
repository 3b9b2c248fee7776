package dev.openactions.executor.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.openactions.executor.flow.FlowResult;
import java.time.Instant;
import java.util.List;

/**
 * What a flow did, in the shape the auth server applies (documented in OpenAPI): the commands, their
 * merged effects and, per action, only what an end user may see — an action's own error, logs and
 * stack stay in the execution record.
 */
public record FlowResponse(
        String executionId,
        Trigger trigger,
        Status status,
        List<IssuedCommand> commands,
        EffectsResponse effects,
        List<ActionResult> results,
        Continuation continuation) {

    public enum Status {
        @JsonProperty("completed")
        COMPLETED,
        @JsonProperty("denied")
        DENIED,
        @JsonProperty("suspended")
        SUSPENDED,
        @JsonProperty("failed")
        FAILED;

        static Status from(FlowResult.Status status) {
            return valueOf(status.name());
        }
    }

    public record Trigger(String id, String version) {}

    /** A command as an action issued it, tagged with the action's name. */
    public record IssuedCommand(String action, String type, JsonNode args) {
        static List<IssuedCommand> from(List<FlowResult.IssuedCommand> commands) {
            return commands.stream()
                    .map(c -> new IssuedCommand(c.action(), c.type(), c.args()))
                    .toList();
        }
    }

    public record ActionResult(
            String actionName, String actionId, int version, Instant startedAt, Instant endedAt, PublicError error) {}

    /** What an end user may see of a failure. */
    public record PublicError(String id, String msg) {}

    /** Present when a post-login flow is suspended: send the token back to /continue to resume it. */
    public record Continuation(String token, Instant expiresAt) {}

    static FlowResponse from(FlowResult result) {
        List<ActionResult> results = result.runs().stream()
                .map(FlowResult.ActionRun::result)
                .map(a -> new ActionResult(
                        a.actionName(),
                        a.actionId(),
                        a.version(),
                        a.startedAt(),
                        a.endedAt(),
                        a.error() == null
                                ? null
                                : new PublicError(a.error().id(), a.error().msg())))
                .toList();
        FlowResult.Continuation continuation = result.continuation();
        return new FlowResponse(
                result.executionId(),
                new Trigger(result.trigger().id(), result.trigger().version()),
                Status.from(result.status()),
                IssuedCommand.from(result.commands()),
                EffectsResponse.from(result.effects()),
                results,
                continuation == null ? null : new Continuation(continuation.token(), continuation.expiresAt()));
    }
}
