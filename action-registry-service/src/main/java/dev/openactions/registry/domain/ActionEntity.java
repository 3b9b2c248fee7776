package dev.openactions.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

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

    /** The draft: what the next deploy snapshots into a version. */
    @Embedded
    public ActionContent content;

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
        return content.supports(triggerId);
    }
}
