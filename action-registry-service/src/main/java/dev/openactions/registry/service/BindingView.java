package dev.openactions.registry.service;

import dev.openactions.contracts.FlowSnapshot.OnError;
import java.time.Instant;

/** One binding of a trigger's flow, with the action it runs; {@code api.BindingResponse} maps it to the wire. */
public record BindingView(
        String id,
        String triggerId,
        String displayName,
        ActionView action,
        OnError onError,
        Long timeoutMs,
        Instant createdAt,
        Instant updatedAt) {}
