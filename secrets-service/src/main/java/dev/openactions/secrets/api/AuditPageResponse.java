package dev.openactions.secrets.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.openactions.secrets.service.AuditEvent;
import java.time.Instant;
import java.util.List;

/** One page of a tenant's audit trail, newest first. Names, never values. */
public record AuditPageResponse(
        List<Event> events,
        int page,
        @JsonProperty("per_page") int perPage,
        long total) {

    public record Event(
            long id,
            @JsonProperty("occurred_at") Instant occurredAt,
            @JsonProperty("tenant_id") String tenantId,
            @JsonProperty("owner_id") String ownerId,
            String action,
            String outcome,
            List<String> names,
            String caller,
            String detail) {}

    static AuditPageResponse from(AuditEvent.Page page) {
        return new AuditPageResponse(
                page.events().stream()
                        .map(e -> new Event(
                                e.id(),
                                e.occurredAt(),
                                e.tenantId(),
                                e.ownerId(),
                                e.action(),
                                e.outcome(),
                                e.names(),
                                e.caller(),
                                e.detail()))
                        .toList(),
                page.page(),
                page.perPage(),
                page.total());
    }
}
