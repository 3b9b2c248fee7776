package dev.openactions.registry.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Auth0's {@code {payload}}: here the executor's test-run result, {@code {status, commands, effects,
 * logs, error}}, with secret values redacted from the logs by the executor.
 */
public record TestActionResponse(JsonNode payload) {}
