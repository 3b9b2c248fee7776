package dev.openactions.executor.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.contracts.ExecutionRecord;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionRecordsTest {
    private static final List<String> FLOOD = Collections.nCopies(100, "x".repeat(100));

    @Test
    void keepsShortLogsWhole() {
        assertThat(ExecutionRecords.excerpt(List.of("a", "b"))).containsExactly("a", "b");
    }

    @Test
    void cutsLongLogsToAnExcerptAndSaysSo() {
        List<String> kept = ExecutionRecords.excerpt(FLOOD);
        assertThat(String.join("", kept.subList(0, kept.size() - 1))).hasSize(ExecutionRecords.LOG_EXCERPT_CHARS);
        assertThat(kept.get(kept.size() - 1)).startsWith("[truncated: 100 lines");
    }

    @Test
    void anActionWithItsDebugSwitchOnKeepsItsWholeCaptureWhileOthersInTheFlowAreCut() {
        FlowResult result = flowOf(detail("quiet", false), detail("debugged", true));

        ExecutionRecord record = ExecutionRecords.toRecord("t1", "evt-1", result, false);

        assertThat(record.results().get(0).logs())
                .hasSizeLessThan(FLOOD.size())
                .last()
                .asString()
                .startsWith("[truncated: 100 lines");
        assertThat(record.results().get(1).logs()).isEqualTo(FLOOD);
    }

    @Test
    void theDeploymentWideSwitchKeepsEveryActionsWholeCapture() {
        ExecutionRecord record = ExecutionRecords.toRecord("t1", "evt-1", flowOf(detail("quiet", false)), true);

        assertThat(record.results().get(0).logs()).isEqualTo(FLOOD);
    }

    private static FlowResult.ActionRun detail(String actionId, boolean debug) {
        Instant now = Instant.now();
        return new FlowResult.ActionRun(
                new FlowResult.ActionResult(actionId, actionId, 1, now, now, null),
                new FlowResult.ActionDetail(actionId + "-v1", FLOOD, null, null, debug));
    }

    private static FlowResult flowOf(FlowResult.ActionRun... runs) {
        return new FlowResult(
                "exec-1",
                new FlowResult.Trigger("post-login", "v3"),
                FlowResult.Status.COMPLETED,
                List.of(),
                null,
                List.of(runs),
                null);
    }
}
