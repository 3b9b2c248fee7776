package dev.openactions.executor.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.contracts.TriggerId;
import java.util.List;
import java.util.Map;

/**
 * One test run of an action's draft against a sample event ({@code POST /internal/v1/test-runs}, and
 * the partner test kit). {@code dependencyBundle}: the draft's npm bundle hash, null without
 * dependencies. {@code outboundHosts}: an integration's declared capabilities, enforced as for an
 * install (null: a custom action, not restricted beyond the SSRF rules). {@code coverage}: measure
 * which lines of the code ran (a separate engine; normal test runs do not pay for it).
 * {@code configuration}: an installed integration's configuration, which becomes
 * {@code event.configuration} (null: a custom action, which keeps the event's own).
 */
public record TestRun(
        String tenantId,
        TriggerId trigger,
        String actionId,
        String actionName,
        String code,
        String dependencyBundle,
        List<String> outboundHosts,
        ObjectNode event,
        boolean coverage,
        Map<String, String> configuration) {

    /** A run without an installed integration's configuration. */
    public TestRun(
            String tenantId,
            TriggerId trigger,
            String actionId,
            String actionName,
            String code,
            String dependencyBundle,
            List<String> outboundHosts,
            ObjectNode event,
            boolean coverage) {
        this(tenantId, trigger, actionId, actionName, code, dependencyBundle, outboundHosts, event, coverage, null);
    }
}
