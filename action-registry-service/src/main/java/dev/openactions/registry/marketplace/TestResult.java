package dev.openactions.registry.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The recorded outcome of one test case run in the executor at submission; {@code coverage} is the line
 * coverage of the integration's own code in that run as the engine measured it ({@code covered_lines},
 * {@code total_lines}, {@code percent}, {@code uncovered_lines}).
 */
public record TestResult(
        String name,
        boolean passed,
        List<String> failures,
        String status,
        JsonNode commands,
        JsonNode effects,
        JsonNode logs,
        JsonNode error,
        JsonNode coverage) {}
