package dev.openactions.executor.flow;

import dev.openactions.contracts.ExecutionRecord;
import dev.openactions.contracts.Topics;
import dev.openactions.executor.config.ExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns a flow's result into its execution record and hands it to the {@link ExecutionRecordSink}. */
@ApplicationScoped
public class ExecutionRecords {
    /**
     * Console output kept per action in a record unless full logs are on, for the whole deployment
     * ({@code executor.records.full-logs}) or for one action (its debug switch). Test runs always get everything.
     */
    static final int LOG_EXCERPT_CHARS = 4096;

    private final ExecutionRecordSink sink;
    private final boolean fullLogs;

    ExecutionRecords(ExecutionRecordSink sink, ExecutorConfig config) {
        this.sink = sink;
        this.fullLogs = config.records().fullLogs();
    }

    void publish(String tenantId, String eventId, FlowResult result) {
        sink.publish(Topics.key(tenantId, result.executionId()), toRecord(tenantId, eventId, result, fullLogs));
    }

    /** The first {@link #LOG_EXCERPT_CHARS} characters of an action's console output, marked when cut. */
    static List<String> excerpt(List<String> logs) {
        List<String> kept = new ArrayList<>();
        int used = 0;
        for (String line : logs) {
            if (used + line.length() > LOG_EXCERPT_CHARS) {
                kept.add(line.substring(0, Math.max(0, LOG_EXCERPT_CHARS - used)));
                kept.add("[truncated: " + logs.size()
                        + " lines in all; turn on the action's debug switch to keep everything]");
                return kept;
            }
            kept.add(line);
            used += line.length();
        }
        return kept;
    }

    static ExecutionRecord toRecord(String tenantId, String eventId, FlowResult result, boolean fullLogs) {
        List<ExecutionRecord.ActionRun> runs = new ArrayList<>();
        for (FlowResult.ActionRun run : result.runs()) {
            FlowResult.ActionResult action = run.result();
            FlowResult.ActionDetail detail = run.detail();
            runs.add(new ExecutionRecord.ActionRun(
                    action.actionId(),
                    action.actionName(),
                    detail.versionId(),
                    action.version(),
                    action.startedAt(),
                    action.endedAt(),
                    run.errorMessage(),
                    fullLogs || detail.debug() ? detail.logs() : excerpt(detail.logs()),
                    run.failed() ? detail.errorStack() : null));
        }
        Instant now = Instant.now();
        Instant created =
                result.runs().isEmpty() ? now : result.runs().get(0).result().startedAt();
        return new ExecutionRecord(
                result.executionId(),
                tenantId,
                result.trigger().id(),
                result.status().name().toLowerCase(Locale.ROOT),
                eventId,
                created,
                now,
                runs);
    }
}
