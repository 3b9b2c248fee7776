package dev.openactions.executor.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotNull;

/** Body of a synchronous flow call: the trigger's {@code event} as the auth server knows it. */
public record RunFlowRequest(@NotNull ObjectNode event) {}
