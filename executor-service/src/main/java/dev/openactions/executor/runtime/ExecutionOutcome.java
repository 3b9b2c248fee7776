package dev.openactions.executor.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What one action execution did: the commands it issued (in order), whether it stopped the flow,
 * its console output, and its error if it failed. Error text is the action's own (for the execution
 * record), never shown to end users.
 */
public record ExecutionOutcome(
        List<Command> commands, String stoppedBy, List<String> logs, boolean logsTruncated, Failure failure) {

    public record Command(String type, JsonNode args) {}

    /** Why an action failed: its error, a timeout, or the platform itself. */
    public record Failure(Kind kind, String message, String stack) {
        public enum Kind {
            ERROR,
            TIMEOUT,
            LIMIT
        }
    }

    public boolean failed() {
        return failure != null;
    }
}
