package dev.openactions.executor.flow;

import dev.openactions.contracts.ExecutionRecord;
import dev.openactions.contracts.Topics;
import dev.openactions.executor.messaging.ExecutionRecordPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns a flow's result into its execution record and hands it to Kafka without delaying the flow. */
@ApplicationScoped
public class ExecutionRecords {
    private final ExecutionRecordPublisher publisher;

    ExecutionRecords(ExecutionRecordPublisher publisher) {
        this.publisher = publisher;
    }

    void publish(String tenantId, String eventId, FlowResult result) {
        publisher.publish(Topics.key(tenantId, result.executionId()), toRecord(tenantId, eventId, result));
    }

    static ExecutionRecord toRecord(String tenantId, String eventId, FlowResult result) {
        List<ExecutionRecord.ActionRun> runs = new ArrayList<>();
        for (int i = 0; i < result.results().size(); i++) {
            FlowResult.ActionResult action = result.results().get(i);
            FlowResult.ActionDetail detail = i < result.details().size() ? result.details().get(i) : null;
            runs.add(new ExecutionRecord.ActionRun(action.actionId(), action.actionName(),
                    detail == null ? null : detail.versionId(), action.version(), action.startedAt(), action.endedAt(),
                    action.error() == null ? null : detail == null || detail.errorMessage() == null ? action.error().msg() : detail.errorMessage(),
                    detail == null ? List.of() : detail.logs()));
        }
        Instant now = Instant.now();
        Instant created = result.results().isEmpty() ? now : result.results().get(0).startedAt();
        return new ExecutionRecord(result.executionId(), tenantId, result.trigger().id(),
                result.status().name().toLowerCase(Locale.ROOT), eventId, created, now, runs);
    }
}
