package dev.openactions.secrets.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One key rotation and the progress of its rewrap, persisted after every batch so that any instance
 * can resume it after a restart. Never leaves the service layer.
 */
@Entity
@Table(name = "key_rotations")
public class KeyRotationEntity {

    public enum Status {
        /** New values use {@code targetVersion}; stored values are being rewrapped to it. */
        REWRAPPING,
        /** Every value of the key is at {@code targetVersion} or later. */
        COMPLETED,
        /** Finished, but some values could not be rewrapped (they do not authenticate). */
        INCOMPLETE
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "key_id", nullable = false)
    public String keyId;

    @Column(name = "target_version", nullable = false)
    public int targetVersion;

    /** Rewrap passes: a pass walks the rows by id; a further pass catches rows that were locked by writers. */
    @Column(nullable = false)
    public int pass;

    /** Highest row id handled in the current pass. */
    @Column(name = "cursor_id", nullable = false)
    public long cursorId;

    /** Values below the target version when the rewrap started. */
    @Column(nullable = false)
    public long total;

    @Column(nullable = false)
    public long rewrapped;

    /** Values that did not rewrap in the latest pass. */
    @Column(nullable = false)
    public long failed;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "retired_below")
    public Integer retiredBelow;

    @Column(name = "retired_by")
    public String retiredBy;

    @Column(name = "retired_at")
    public Instant retiredAt;

    @Override
    public String toString() {
        return "KeyRotation[" + id + ", " + status + ", target=" + targetVersion + "]";
    }
}
