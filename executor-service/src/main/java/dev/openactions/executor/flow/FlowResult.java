package dev.openactions.executor.flow;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * What a flow did, in the shape the auth server applies (documented in OpenAPI). Action errors are
 * reduced to an end-user-safe message here; details stay in {@link #details()} for the execution
 * record and the logs.
 */
public record FlowResult(String executionId, Trigger trigger, Status status, List<IssuedCommand> commands,
        FlowEffects effects, List<ActionResult> results, Continuation continuation, @JsonIgnore List<ActionDetail> details) {

    /** Present when a post-login flow is suspended: send the token back to /continue to resume it. */
    public record Continuation(String token, Instant expiresAt) {
    }

    public enum Status {
        @com.fasterxml.jackson.annotation.JsonProperty("completed") COMPLETED,
        @com.fasterxml.jackson.annotation.JsonProperty("denied") DENIED,
        @com.fasterxml.jackson.annotation.JsonProperty("suspended") SUSPENDED,
        @com.fasterxml.jackson.annotation.JsonProperty("failed") FAILED
    }

    public record Trigger(String id, String version) {
    }

    /** A command as an action issued it, tagged with the action's name. */
    public record IssuedCommand(String action, String type, JsonNode args) {
    }

    public record ActionResult(String actionName, String actionId, int version, Instant startedAt, Instant endedAt,
            PublicError error) {
    }

    /** What an end user may see of a failure. */
    public record PublicError(String id, String msg) {
    }

    /**
     * Per action, aligned with {@code results}, for the execution record and test runs only: logs and
     * the action's own error (secrets redacted), and whether the action's debug switch asks the record
     * to keep every log line.
     */
    public record ActionDetail(String actionId, String versionId, List<String> logs, String errorMessage, String errorStack,
            boolean debug) {
    }
}
