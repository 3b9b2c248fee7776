package dev.openactions.registry.api;

import dev.openactions.contracts.TriggerId;
import java.util.List;

/** A trigger as {@code GET /api/v2/actions/triggers} lists it. */
public record TriggerResponse(
        String id,
        String version,
        String status,
        List<String> runtimes,
        String defaultRuntime,
        List<String> compatibleTriggers,
        String bindingPolicy) {

    static TriggerResponse from(TriggerId trigger) {
        return new TriggerResponse(
                trigger.id(),
                trigger.version(),
                "CURRENT",
                List.of("node18", "node22"),
                "node22",
                List.of(),
                "trigger-bound");
    }
}
