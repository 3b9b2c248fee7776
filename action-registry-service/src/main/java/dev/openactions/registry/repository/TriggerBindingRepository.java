package dev.openactions.registry.repository;

import dev.openactions.registry.domain.TriggerBindingEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

@ApplicationScoped
public class TriggerBindingRepository implements PanacheRepositoryBase<TriggerBindingEntity, UUID> {

    public List<TriggerBindingEntity> findFlow(String tenantId, String triggerId) {
        return list("tenantId = ?1 and triggerId = ?2 order by position", tenantId, triggerId);
    }

    public List<TriggerBindingEntity> findByAction(String tenantId, UUID actionId) {
        return list("tenantId = ?1 and actionId = ?2", tenantId, actionId);
    }

    /** The triggers whose flows the action is bound in, sorted. */
    public SortedSet<String> triggersOf(String tenantId, UUID actionId) {
        SortedSet<String> triggers = new TreeSet<>();
        findByAction(tenantId, actionId).forEach(b -> triggers.add(b.triggerId));
        return triggers;
    }

    /**
     * Gives the bindings of one flow, in this order, the positions 0, 1, 2, … (positions need to be
     * unique per flow only at commit: the constraint is deferred).
     */
    public static void renumber(List<TriggerBindingEntity> flow) {
        for (int i = 0; i < flow.size(); i++) {
            flow.get(i).position = i;
        }
    }

    /** Closes the gaps a deletion left in the trigger's flow. */
    public void renumberFlow(String tenantId, String triggerId) {
        renumber(findFlow(tenantId, triggerId));
    }

    public long deleteFlow(String tenantId, String triggerId) {
        return delete("tenantId = ?1 and triggerId = ?2", tenantId, triggerId);
    }

    /**
     * Serialises changes to one trigger's flow until the transaction ends (a PostgreSQL advisory
     * lock), so concurrent edits queue up instead of failing on the position constraint.
     */
    public void lockFlow(String tenantId, String triggerId) {
        getEntityManager()
                .createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext(:key))) locked")
                .setParameter("key", "flow/" + tenantId + "/" + triggerId)
                .getSingleResult();
    }
}
