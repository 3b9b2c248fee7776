package dev.openactions.executor.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openactions.executor.runtime.coverage.LineCoverage;
import java.util.List;

/**
 * What one action execution did: the commands it issued (in order), whether it stopped the flow,
 * its console output, and its error if it failed. Error text is the action's own (for the execution
 * record), never shown to end users. {@code coverage}: the lines of the action's code that ran, only
 * when the run measured it (null otherwise).
 */
public record ExecutionOutcome(
        List<Command> commands,
        String stoppedBy,
        List<String> logs,
        boolean logsTruncated,
        Failure failure,
        LineCoverage coverage) {

    public ExecutionOutcome(
            List<Command> commands, String stoppedBy, List<String> logs, boolean logsTruncated, Failure failure) {
        this(commands, stoppedBy, logs, logsTruncated, failure, null);
    }

    ExecutionOutcome withCoverage(LineCoverage measured) {
        return new ExecutionOutcome(commands, stoppedBy, logs, logsTruncated, failure, measured);
    }

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
