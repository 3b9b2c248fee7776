package dev.openactions.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An immutable, numbered snapshot of an action's draft. Only the build state ({@code status},
 * {@code errors}, {@code built_at}, the build schedule) and {@code deployed} change.
 */
@Entity
@Table(name = "action_versions")
public class ActionVersionEntity {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "action_id", nullable = false)
    public UUID actionId;

    @Column(nullable = false)
    public int number;

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

    /**
     * The dependencies as the draft asked for them (ranges, dist-tags); {@link #dependencies} holds them
     * pinned to exact versions once the build resolved them. Null for versions from before pinning.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "requested_dependencies")
    public List<Dependency> requestedDependencies;

    /** The resolved npm tree this version runs with, by its content address; null without dependencies. */
    @Column(name = "dependency_bundle")
    public String dependencyBundle;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<SecretRef> secrets = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VersionStatus status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<BuildError> errors = new ArrayList<>();

    @Column(nullable = false)
    public boolean deployed;

    @Column(name = "built_at")
    public Instant builtAt;

    /** Build checks attempted so far (the executor was unreachable for all but the last). */
    @Column(name = "build_attempts", nullable = false)
    public int buildAttempts;

    /** When the build worker should next look at this version; null once built or failed. */
    @Column(name = "next_build_at")
    public Instant nextBuildAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public String triggerId() {
        return supportedTriggers.get(0).id();
    }
}
