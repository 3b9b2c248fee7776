package dev.openactions.secrets.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Who did what to which secrets of an owner, and when. Names only: never a value. */
@Entity
@Table(name = "secret_audit_events")
public class AuditEventEntity {

    public enum Action {
        /** Values were set (created or replaced). */
        SET,
        /** Secrets were deleted. */
        DELETE,
        /** Values were decrypted for a caller. */
        DECRYPT
    }

    public enum Outcome {
        SUCCESS,
        FAILURE
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Action action;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> names;

    @Column(nullable = false)
    public String caller;

    /** Why a failure failed, in our words (never a backend message that could quote input). */
    public String detail;

    @Override
    public String toString() {
        return "AuditEvent[" + tenantId + "/" + ownerId + " " + action + " " + names + " by " + caller + "]";
    }
}
