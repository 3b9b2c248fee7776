package dev.openactions.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one trigger of one tenant runs, in order. Published by the registry to the compacted topic
 * {@link Topics#ACTIONS_FLOWS} under key {@code {tenant}/{trigger}} whenever it changes; the executor
 * keeps the newest per key. {@code revision} grows with every change, so a consumer can ignore a
 * stale snapshot.
 */
public record FlowSnapshot(
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("trigger_id") String triggerId,
        @JsonProperty("revision") long revision,
        @JsonProperty("published_at") Instant publishedAt,
        @JsonProperty("actions") List<BoundAction> actions) {

    public FlowSnapshot {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /**
     * One binding: the deployed version of an action, with everything the executor needs to run it.
     * {@code debug} is the action's (not the version's) debug switch: while on, execution records
     * keep the action's whole console capture instead of an excerpt. {@code dependencyBundle} names the
     * version's resolved npm tree by its {@link DependencyBundle#hash} (null when the version has no
     * dependencies); the executor fetches the bundle from the registry by that hash.
     * {@code configuration} is set for an installed marketplace integration only: its customer's plain
     * configuration values, which the action reads as {@code event.configuration.X} (null otherwise).
     * {@code outboundHosts} too: the hosts its manifest's capabilities allow it to call (a leading
     * {@code *.} allows subdomains), for the executor to enforce; null means not restricted (custom actions).
     */
    public record BoundAction(
            @JsonProperty("binding_id") String bindingId,
            @JsonProperty("display_name") String displayName,
            @JsonProperty("action_id") String actionId,
            @JsonProperty("action_name") String actionName,
            @JsonProperty("version_id") String versionId,
            @JsonProperty("version_number") int versionNumber,
            @JsonProperty("code") String code,
            @JsonProperty("runtime") String runtime,
            @JsonProperty("secret_names") List<String> secretNames,
            @JsonProperty("on_error") OnError onError,
            @JsonProperty("timeout_ms") Long timeoutMs,
            @JsonProperty("debug") boolean debug,
            @JsonProperty("dependency_bundle") String dependencyBundle,
            @JsonProperty("configuration") Map<String, String> configuration,
            @JsonProperty("outbound_hosts") List<String> outboundHosts) {

        public BoundAction {
            secretNames = secretNames == null ? List.of() : List.copyOf(secretNames);
            onError = onError == null ? OnError.FAIL : onError;
        }

        /** A binding of a custom action (no marketplace configuration). */
        public BoundAction(
                String bindingId,
                String displayName,
                String actionId,
                String actionName,
                String versionId,
                int versionNumber,
                String code,
                String runtime,
                List<String> secretNames,
                OnError onError,
                Long timeoutMs,
                boolean debug,
                String dependencyBundle) {
            this(
                    bindingId,
                    displayName,
                    actionId,
                    actionName,
                    versionId,
                    versionNumber,
                    code,
                    runtime,
                    secretNames,
                    onError,
                    timeoutMs,
                    debug,
                    dependencyBundle,
                    null,
                    null);
        }

        /** A binding without npm dependencies. */
        public BoundAction(
                String bindingId,
                String displayName,
                String actionId,
                String actionName,
                String versionId,
                int versionNumber,
                String code,
                String runtime,
                List<String> secretNames,
                OnError onError,
                Long timeoutMs,
                boolean debug) {
            this(
                    bindingId,
                    displayName,
                    actionId,
                    actionName,
                    versionId,
                    versionNumber,
                    code,
                    runtime,
                    secretNames,
                    onError,
                    timeoutMs,
                    debug,
                    null);
        }

        /** A binding with debug off (snapshots written before the flag existed read the same way). */
        public BoundAction(
                String bindingId,
                String displayName,
                String actionId,
                String actionName,
                String versionId,
                int versionNumber,
                String code,
                String runtime,
                List<String> secretNames,
                OnError onError,
                Long timeoutMs) {
            this(
                    bindingId,
                    displayName,
                    actionId,
                    actionName,
                    versionId,
                    versionNumber,
                    code,
                    runtime,
                    secretNames,
                    onError,
                    timeoutMs,
                    false);
        }
    }

    /** What a failing action does to the rest of its flow. */
    public enum OnError {
        @JsonProperty("fail")
        FAIL,
        @JsonProperty("continue")
        CONTINUE
    }
}
