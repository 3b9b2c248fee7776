package dev.openactions.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * What one flow execution did, published by the executor to {@link Topics#ACTIONS_EXECUTIONS} under
 * key {@code {tenant}/{id}} after every flow (synchronous or from an identity event). The registry
 * stores it and serves it as Auth0's {@code GET /api/v2/actions/executions/{id}}. Logs and error
 * texts are the actions' own, with known secret values already redacted by the executor.
 */
public record ExecutionRecord(
        @JsonProperty("id") String id,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("trigger_id") String triggerId,
        /** completed | denied | suspended | failed */
        @JsonProperty("status") String status,
        /** The identity event's id for asynchronous triggers, null for synchronous calls. */
        @JsonProperty("event_id") String eventId,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("results") List<ActionRun> results) {

    public ExecutionRecord {
        results = results == null ? List.of() : List.copyOf(results);
    }

    /** One action's part in the execution. */
    public record ActionRun(
            @JsonProperty("action_id") String actionId,
            @JsonProperty("action_name") String actionName,
            @JsonProperty("version_id") String versionId,
            @JsonProperty("version_number") int versionNumber,
            @JsonProperty("started_at") Instant startedAt,
            @JsonProperty("ended_at") Instant endedAt,
            /** null when the action succeeded */
            @JsonProperty("error") String error,
            @JsonProperty("logs") List<String> logs,
            /** the failing action's own stack frames (platform frames removed), or null */
            @JsonProperty("error_stack") String errorStack) {

        public ActionRun {
            logs = logs == null ? List.of() : List.copyOf(logs);
        }
    }
}
