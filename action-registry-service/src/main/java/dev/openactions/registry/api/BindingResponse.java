package dev.openactions.registry.api;

import dev.openactions.contracts.FlowSnapshot.OnError;
import dev.openactions.registry.service.BindingView;
import java.time.Instant;

/** One binding of a trigger's flow. {@code on_error} and {@code timeout_ms} go beyond Auth0's shape. */
public record BindingResponse(
        String id,
        String triggerId,
        String displayName,
        ActionResponse action,
        OnError onError,
        Long timeoutMs,
        Instant createdAt,
        Instant updatedAt) {

    public static BindingResponse from(BindingView binding) {
        return new BindingResponse(
                binding.id(),
                binding.triggerId(),
                binding.displayName(),
                ActionResponse.from(binding.action()),
                binding.onError(),
                binding.timeoutMs(),
                binding.createdAt(),
                binding.updatedAt());
    }
}
