package dev.openactions.registry.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The recorded outcome of one test case run in the executor at submission. */
public record TestResult(
        String name,
        boolean passed,
        List<String> failures,
        String status,
        JsonNode commands,
        JsonNode effects,
        JsonNode logs,
        JsonNode error) {}
