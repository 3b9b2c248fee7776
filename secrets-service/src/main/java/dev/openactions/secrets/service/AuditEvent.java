package dev.openactions.secrets.service;

import dev.openactions.secrets.domain.AuditEventEntity;
import java.time.Instant;
import java.util.List;

/** One audit trail entry as the API shows it: names, never values. */
public record AuditEvent(
        long id,
        Instant occurredAt,
        String tenantId,
        String ownerId,
        String action,
        String outcome,
        List<String> names,
        String caller,
        String detail) {

    static AuditEvent from(AuditEventEntity e) {
        return new AuditEvent(
                e.id,
                e.occurredAt,
                e.tenantId,
                e.ownerId,
                e.action.name().toLowerCase(),
                e.outcome.name().toLowerCase(),
                List.copyOf(e.names),
                e.caller,
                e.detail);
    }

    /** One page of a tenant's trail, newest first. */
    public record Page(List<AuditEvent> events, int page, int perPage, long total) {}
}
