package dev.openactions.registry.repository;

import dev.openactions.registry.domain.ActionEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ActionRepository implements PanacheRepositoryBase<ActionEntity, UUID> {

    public Optional<ActionEntity> findForTenant(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    public Optional<ActionEntity> findByName(String tenantId, String name) {
        return find("tenantId = ?1 and name = ?2", tenantId, name).firstResultOptional();
    }

    public long countForTenant(String tenantId) {
        return count("tenantId", tenantId);
    }

    public List<ActionEntity> page(String tenantId, int page, int perPage) {
        return find("tenantId = ?1 order by createdAt, id", tenantId).page(Page.of(page, perPage)).list();
    }
}
