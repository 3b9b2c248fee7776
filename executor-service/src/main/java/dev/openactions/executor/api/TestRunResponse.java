package dev.openactions.executor.api;

import dev.openactions.executor.flow.FlowResult;
import dev.openactions.executor.runtime.coverage.LineCoverage;
import java.time.Duration;
import java.util.List;

/**
 * The result of a test run, for the tenant who wrote the action: unlike a flow response it includes
 * the action's own error and console output (secret values redacted), the line coverage of its
 * code when the request asked for it ({@code null} otherwise), and how long it ran against its limit.
 * The partner test kit prints the same.
 */
public record TestRunResponse(
        FlowResponse.Status status,
        List<FlowResponse.IssuedCommand> commands,
        EffectsResponse effects,
        List<String> logs,
        Error error,
        Coverage coverage,
        Long durationMs,
        Long timeLimitMs) {

    public record Error(String message, String stack) {}

    /**
     * Line coverage of the action's own code (not its npm dependencies, not the platform's code),
     * measured by the engine: lines on which a statement starts ({@code total_lines}), those where one
     * ran ({@code covered_lines}), the others ({@code uncovered_lines}, numbered as in the code), and
     * the covered share in percent, rounded down to one decimal. Several runs of the same code combine
     * by keeping the uncovered lines common to all ({@link LineCoverage#across}).
     */
    public record Coverage(int coveredLines, int totalLines, double percent, List<Integer> uncoveredLines) {
        public static Coverage from(LineCoverage lines) {
            return lines == null
                    ? null
                    : new Coverage(lines.coveredLines(), lines.totalLines(), lines.percent(), lines.uncoveredLines());
        }

        public LineCoverage lines() {
            return new LineCoverage(coveredLines, totalLines, uncoveredLines);
        }
    }

    /** As {@link #from(FlowResult, Duration)} without a known limit (the partner test kit's engine). */
    public static TestRunResponse from(FlowResult result) {
        return from(result, null);
    }

    /**
     * {@code durationMs}: how long the action's run took (its secrets fetched, its handler run to
     * settling), null when it did not start; {@code timeLimitMs}: the limit it ran under
     * ({@code executor.limits.action-timeout}), so that the marketplace review can say whether it
     * finished well within it.
     */
    public static TestRunResponse from(FlowResult result, Duration timeLimit) {
        FlowResult.ActionRun run =
                result.runs().isEmpty() ? null : result.runs().get(0);
        FlowResult.ActionDetail detail = run == null ? null : run.detail();
        Error error = detail == null || detail.errorMessage() == null
                ? null
                : new Error(detail.errorMessage(), detail.errorStack());
        Long duration =
                run == null || run.result().startedAt() == null || run.result().endedAt() == null
                        ? null
                        : Duration.between(
                                        run.result().startedAt(), run.result().endedAt())
                                .toMillis();
        return new TestRunResponse(
                FlowResponse.Status.from(result.status()),
                FlowResponse.IssuedCommand.from(result.commands()),
                EffectsResponse.from(result.effects()),
                detail == null ? List.of() : detail.logs(),
                error,
                detail == null ? null : Coverage.from(detail.coverage()),
                duration,
                timeLimit == null ? null : timeLimit.toMillis());
    }
}
