package dev.openactions.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
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

    /**
     * What this version runs. Its dependencies are pinned to exact versions once the build resolved
     * them; the rest never changes.
     */
    @Embedded
    public ActionContent content;

    /**
     * The dependencies as the draft asked for them (ranges, dist-tags); the content's dependencies hold them
     * pinned to exact versions once the build resolved them. Null for versions from before pinning.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "requested_dependencies")
    public List<Dependency> requestedDependencies;

    /** The resolved npm tree this version runs with, by its content address; null without dependencies. */
    @Column(name = "dependency_bundle")
    public String dependencyBundle;

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

    /** True when deploying {@code draft} would change nothing this version runs. */
    public boolean hasContentOf(ActionContent draft) {
        return draft.sameAs(content, requestedDependencies);
    }

    public String triggerId() {
        return content.triggerId();
    }
}
