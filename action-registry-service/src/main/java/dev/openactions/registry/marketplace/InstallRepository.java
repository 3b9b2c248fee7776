package dev.openactions.registry.marketplace;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class InstallRepository implements PanacheRepositoryBase<InstallEntity, UUID> {

    public Optional<InstallEntity> findForTenant(String tenantId, UUID actionId) {
        return find("tenantId = ?1 and actionId = ?2", tenantId, actionId).firstResultOptional();
    }

    public Optional<InstallEntity> lockForTenant(String tenantId, UUID actionId) {
        return find("tenantId = ?1 and actionId = ?2", tenantId, actionId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public List<InstallEntity> listForTenant(String tenantId) {
        return list("tenantId = ?1 order by createdAt, actionId", tenantId);
    }
}
