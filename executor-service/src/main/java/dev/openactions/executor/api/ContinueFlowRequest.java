package dev.openactions.executor.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/flows/post-login/continue}. */
public record ContinueFlowRequest(
        @NotBlank @Size(max = 200_000) String continuationToken,
        @NotNull ObjectNode event) {}
