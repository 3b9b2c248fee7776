package dev.openactions.registry.repository;

import dev.openactions.registry.domain.ActionVersionEntity;
import dev.openactions.registry.domain.VersionStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ActionVersionRepository implements PanacheRepositoryBase<ActionVersionEntity, UUID> {
    private static final List<VersionStatus> AWAITING_BUILD =
            List.of(VersionStatus.PENDING, VersionStatus.BUILDING, VersionStatus.RETRYING);

    public Optional<ActionVersionEntity> findForAction(String tenantId, UUID actionId, UUID versionId) {
        return find("tenantId = ?1 and actionId = ?2 and id = ?3", tenantId, actionId, versionId)
                .firstResultOptional();
    }

    /** The next version number; callers hold the action's row lock, so two deploys never get the same one. */
    public int nextNumber(UUID actionId) {
        Integer max = find("select max(v.number) from ActionVersionEntity v where v.actionId = ?1", actionId)
                .project(Integer.class)
                .firstResult();
        return max == null ? 1 : max + 1;
    }

    public List<ActionVersionEntity> page(String tenantId, UUID actionId, int page, int perPage) {
        return find("tenantId = ?1 and actionId = ?2 order by number desc", tenantId, actionId)
                .page(Page.of(page, perPage))
                .list();
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

    /**
     * The version whose build is due soonest, locked; versions another worker holds are skipped
     * rather than waited for. Empty when nothing is due.
     */
    public Optional<ActionVersionEntity> lockNextDueBuild(Instant now) {
        return getEntityManager()
                .createQuery(
                        "from ActionVersionEntity v where v.status in :statuses and v.nextBuildAt <= :now"
                                + " order by v.nextBuildAt, v.number",
                        ActionVersionEntity.class)
                .setParameter("statuses", AWAITING_BUILD)
                .setParameter("now", now)
                .setMaxResults(1)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2) // Hibernate: -2 = SKIP LOCKED
                .getResultStream()
                .findFirst();
    }

    /**
     * Deletes the oldest versions that are not deployed until at most {@code keep} remain.
     * Returns how many were deleted.
     */
    public int pruneOldest(UUID actionId, int keep) {
        long total = count("actionId", actionId);
        if (total <= keep) {
            return 0;
        }
        List<ActionVersionEntity> oldest = find("actionId = ?1 and deployed = false order by number", actionId)
                .page(Page.ofSize((int) (total - keep)))
                .list();
        oldest.forEach(this::delete);
        return oldest.size();
    }
}
