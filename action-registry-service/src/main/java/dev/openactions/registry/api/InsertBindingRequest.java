package dev.openactions.registry.api;

import dev.openactions.contracts.FlowSnapshot.OnError;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v2/actions/triggers/{triggerId}/bindings} (beyond Auth0): one binding to
 * insert at {@code position} (0-based; absent appends). {@code ref.type} is action_id or action_name.
 */
public record InsertBindingRequest(
        @NotNull @Valid UpdateBindingsRequest.Ref ref,
        @Size(max = 255) String displayName,
        OnError onError,
        @Min(1) @Max(20000) Long timeoutMs,
        @Min(0) @Max(1000) Integer position) {}
