package dev.openactions.registry.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /api/v2/actions/actions/{id}/test}: the event the draft runs against. */
public record TestActionRequest(@NotNull ObjectNode payload) {}
