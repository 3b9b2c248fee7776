package dev.openactions.executor.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /internal/v1/test-runs}: an action's draft to run once against a sample event,
 * with the action's stored secrets and, when it has npm dependencies, its dependency bundle.
 * {@code outboundHosts}: a marketplace integration's declared hosts, refused beyond them as for an
 * install (absent: a custom action; empty: every request refused, the review's egress-failure runs).
 * {@code configuration}: an installed integration's configuration (its install's, or a review's test
 * case's), which becomes {@code event.configuration} whatever the event says (absent: a custom action,
 * which keeps the event's own). {@code coverage: true} adds the line coverage of the code to the
 * response (measured on a separate engine; absent or false costs nothing).
 */
public record TestRunRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")
        String tenantId,

        @NotBlank String triggerId,

        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")
        String actionId,

        @NotBlank @Size(max = 255) String actionName,
        @NotNull @Size(max = 102_400) String code,
        @NotNull ObjectNode event,
        /** The draft's npm dependency bundle ({@code DependencyBundle.hash}); null without dependencies. */
        @Pattern(regexp = "[0-9a-f]{64}") String dependencyBundle,
        @Size(max = 100) List<@NotBlank @Size(max = 253) String> outboundHosts,
        Boolean coverage,
        @Size(max = 100) Map<@Size(max = 64) String, @Size(max = 4096) String> configuration) {}
