package dev.openactions.executor.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openactions.executor.runtime.coverage.LineCoverage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a flow did. Each action's run has a public part (what the auth server and the end user may
 * see: {@link ActionResult}, whose error is reduced to an end-user-safe message) and a private part
 * (what only the execution record, a test run and the logs get: {@link ActionDetail}). The wire shape
 * is {@code api/FlowResponse}; this record carries no serialisation rules.
 */
public record FlowResult(
        String executionId,
        Trigger trigger,
        Status status,
        List<IssuedCommand> commands,
        FlowEffects effects,
        List<ActionRun> runs,
        Continuation continuation) {

    /** Present when a post-login flow is suspended: send the token back to /continue to resume it. */
    public record Continuation(String token, Instant expiresAt) {}

    public enum Status {
        COMPLETED,
        DENIED,
        SUSPENDED,
        FAILED
    }

    public record Trigger(String id, String version) {}

    /** A command as an action issued it, tagged with the action's name. */
    public record IssuedCommand(String action, String type, JsonNode args) {}

    /** One action of the flow: what may be shown ({@code result}) and what is only kept ({@code detail}). */
    public record ActionRun(ActionResult result, ActionDetail detail) {
        public boolean failed() {
            return result.error() != null;
        }

        /** The action's own error (secrets redacted) if it has one, else the end-user message. */
        public String errorMessage() {
            if (result.error() == null) {
                return null;
            }
            return detail.errorMessage() != null
                    ? detail.errorMessage()
                    : result.error().msg();
        }
    }

    public record ActionResult(
            String actionName, String actionId, int version, Instant startedAt, Instant endedAt, PublicError error) {}

    /** What an end user may see of a failure. */
    public record PublicError(String id, String msg) {}

    /**
     * For the execution record and test runs only: the bound version, logs and the action's own error
     * (secrets redacted), whether the action's debug switch asks the record to keep every log line, and
     * for a test run that asked for it the line coverage of the action's code (else null).
     */
    public record ActionDetail(
            String versionId,
            List<String> logs,
            String errorMessage,
            String errorStack,
            boolean debug,
            LineCoverage coverage) {

        public ActionDetail(
                String versionId, List<String> logs, String errorMessage, String errorStack, boolean debug) {
            this(versionId, logs, errorMessage, errorStack, debug, null);
        }
    }

    /** The last action that failed, if any (a flow continues past a failure only for actions set to continue). */
    public Optional<ActionRun> lastFailure() {
        return runs.reversed().stream().filter(ActionRun::failed).findFirst();
    }

    /** The first action that failed, if any. */
    public Optional<ActionRun> firstFailure() {
        return runs.stream().filter(ActionRun::failed).findFirst();
    }
}
