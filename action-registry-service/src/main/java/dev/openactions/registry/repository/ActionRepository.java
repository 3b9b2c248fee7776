package dev.openactions.registry.repository;

import dev.openactions.registry.domain.ActionEntity;
import dev.openactions.registry.domain.RegistryException;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** The tenant's action; {@link RegistryException.NotFound} if absent or another tenant's. */
    public ActionEntity require(String tenantId, UUID id) {
        return findForTenant(tenantId, id).orElseThrow(() -> new RegistryException.NotFound("action", id.toString()));
    }

    /** The tenant's action, locked for update until the transaction ends; {@link RegistryException.NotFound} if absent. */
    public ActionEntity requireLocked(String tenantId, UUID id) {
        return lockForTenant(tenantId, id).orElseThrow(() -> new RegistryException.NotFound("action", id.toString()));
    }

    /** The tenant's action, locked for update until the transaction ends; empty if absent or another tenant's. */
    public Optional<ActionEntity> lockForTenant(String tenantId, UUID id) {
        ActionEntity action = findById(id, LockModeType.PESSIMISTIC_WRITE);
        return action != null && action.tenantId.equals(tenantId) ? Optional.of(action) : Optional.empty();
    }

    public long countForTenant(String tenantId) {
        return count("tenantId", tenantId);
    }

    /** One page of the tenant's actions that match the filter, oldest first. */
    @SuppressWarnings("unchecked")
    public List<ActionEntity> search(String tenantId, ActionFilter filter, int page, int perPage) {
        Query query = native_(
                "select a.* from actions a", tenantId, filter, " order by a.created_at, a.id", ActionEntity.class);
        return query.setFirstResult(page * perPage).setMaxResults(perPage).getResultList();
    }

    public long countMatching(String tenantId, ActionFilter filter) {
        return ((Number) native_("select count(*) from actions a", tenantId, filter, "", null)
                        .getSingleResult())
                .longValue();
    }

    /**
     * Serialises creations per tenant until the transaction ends, so two concurrent creates cannot
     * both pass the actions-per-tenant limit.
     */
    public void lockTenant(String tenantId) {
        getEntityManager()
                .createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext(:key))) locked")
                .setParameter("key", "actions/" + tenantId)
                .getSingleResult();
    }

    private Query native_(String select, String tenantId, ActionFilter filter, String suffix, Class<?> entity) {
        StringBuilder sql = new StringBuilder(select).append(" where a.tenant_id = :tenant");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", tenantId);
        if (filter.installed() != null) {
            // an installed marketplace integration is an action with an install row (migration V7)
            sql.append(filter.installed() ? " and" : " and not")
                    .append(" exists (select 1 from integration_installs i where i.action_id = a.id)");
        }
        if (filter.triggerId() != null) {
            // JSONB containment: the supported_triggers array holds an element with this id
            sql.append(" and a.supported_triggers @> cast(:trigger as jsonb)");
            params.put(
                    "trigger",
                    "[{\"id\":\"" + filter.triggerId().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}]");
        }
        if (filter.actionName() != null) {
            sql.append(" and a.name = :name");
            params.put("name", filter.actionName());
        }
        if (filter.deployed() != null) {
            sql.append(
                    filter.deployed()
                            ? " and a.deployed_version_id is not null"
                            : " and a.deployed_version_id is null");
        }
        sql.append(suffix);
        Query query = entity == null
                ? getEntityManager().createNativeQuery(sql.toString())
                : getEntityManager().createNativeQuery(sql.toString(), entity);
        params.forEach(query::setParameter);
        return query;
    }
}
