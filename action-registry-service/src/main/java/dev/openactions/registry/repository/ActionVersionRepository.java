package dev.openactions.registry.repository;

import dev.openactions.registry.domain.ActionVersionEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ActionVersionRepository implements PanacheRepositoryBase<ActionVersionEntity, UUID> {

    public Optional<ActionVersionEntity> findForAction(String tenantId, UUID actionId, UUID versionId) {
        return find("tenantId = ?1 and actionId = ?2 and id = ?3", tenantId, actionId, versionId).firstResultOptional();
    }

    public int nextNumber(UUID actionId) {
        Integer max = find("select max(v.number) from ActionVersionEntity v where v.actionId = ?1", actionId)
                .project(Integer.class).firstResult();
        return max == null ? 1 : max + 1;
    }

    public List<ActionVersionEntity> page(String tenantId, UUID actionId, int page, int perPage) {
        return find("tenantId = ?1 and actionId = ?2 order by number desc", tenantId, actionId)
                .page(Page.of(page, perPage)).list();
    }

    public long countForAction(String tenantId, UUID actionId) {
        return count("tenantId = ?1 and actionId = ?2", tenantId, actionId);
    }

    public List<ActionVersionEntity> findAllByIds(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }

    public Optional<ActionVersionEntity> findLatest(UUID actionId) {
        return find("actionId = ?1 order by number desc", actionId).firstResultOptional();
    }

    public void undeployAll(UUID actionId) {
        update("deployed = false where actionId = ?1 and deployed = true", actionId);
    }
}
