package dev.openactions.secrets.repository;

import dev.openactions.secrets.domain.AuditEventEntity;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class AuditEventRepository implements PanacheRepository<AuditEventEntity> {

    /** A tenant's events, newest first, optionally of one owner. */
    public PanacheQuery<AuditEventEntity> findByTenant(String tenantId, String ownerId) {
        Sort newestFirst = Sort.descending("id");
        return ownerId == null
                ? find("tenantId = ?1", newestFirst, tenantId)
                : find("tenantId = ?1 and ownerId = ?2", newestFirst, tenantId, ownerId);
    }
}
