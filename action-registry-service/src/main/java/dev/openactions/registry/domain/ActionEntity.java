package dev.openactions.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An action's draft: what the tenant edits. Deployed versions are {@link ActionVersionEntity}. */
@Entity
@Table(name = "actions")
public class ActionEntity {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String name;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "supported_triggers", nullable = false)
    public List<SupportedTrigger> supportedTriggers = new ArrayList<>();

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String runtime;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Dependency> dependencies = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<SecretRef> secrets = new ArrayList<>();

    /** Execution records keep this action's whole console capture while on (not versioned: applies at once). */
    @Column(nullable = false)
    public boolean debug;

    @Column(name = "deployed_version_id")
    public UUID deployedVersionId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean supports(String triggerId) {
        return supportedTriggers.stream().anyMatch(t -> t.id().equals(triggerId));
    }
}
