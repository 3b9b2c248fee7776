package dev.openactions.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One flow execution as the executor reported it on actions.executions; kept for a limited time. */
@Entity
@Table(name = "executions")
@IdClass(ExecutionEntity.Key.class)
public class ExecutionEntity {
    @Id
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Id
    @Column(nullable = false)
    public String id;

    @Column(name = "trigger_id", nullable = false)
    public String triggerId;

    /** The executor's outcome: completed, denied, suspended or failed. */
    @Column(nullable = false)
    public String status;

    @Column(name = "event_id")
    public String eventId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<ActionRun> results = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** One action's part in an execution, as stored. */
    public record ActionRun(
            String actionId,
            String actionName,
            String versionId,
            int versionNumber,
            Instant startedAt,
            Instant endedAt,
            String error,
            List<String> logs) {}

    /** The primary key: execution ids are unique per tenant. */
    public static class Key implements Serializable {
        public String tenantId;
        public String id;

        public Key() {}

        public Key(String tenantId, String id) {
            this.tenantId = tenantId;
            this.id = id;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Objects.equals(tenantId, other.tenantId) && Objects.equals(id, other.id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, id);
        }
    }
}
