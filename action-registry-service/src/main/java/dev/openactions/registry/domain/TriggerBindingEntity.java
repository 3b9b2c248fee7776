package dev.openactions.registry.domain;

import dev.openactions.contracts.FlowSnapshot.OnError;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One position in a trigger's ordered flow: which action runs there, and how its failure is treated. */
@Entity
@Table(name = "trigger_bindings")
public class TriggerBindingEntity {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "trigger_id", nullable = false)
    public String triggerId;

    @Column(nullable = false)
    public int position;

    @Column(name = "action_id", nullable = false)
    public UUID actionId;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Enumerated(EnumType.STRING)
    @Column(name = "on_error", nullable = false)
    public OnError onError = OnError.FAIL;

    @Column(name = "timeout_ms")
    public Long timeoutMs;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
