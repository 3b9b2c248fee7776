package dev.openactions.registry.repository;

import dev.openactions.registry.domain.OutboxEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;

@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxEntity> {

    /**
     * The oldest unpublished rows, locked so that two registry replicas never relay the same rows
     * concurrently (SKIP LOCKED: the other replica takes the next rows instead of waiting).
     */
    public List<OutboxEntity> lockNextBatch(int size) {
        return getEntityManager()
                .createQuery("from OutboxEntity o where o.publishedAt is null order by o.id", OutboxEntity.class)
                .setMaxResults(size)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2) // Hibernate: -2 = SKIP LOCKED
                .getResultList();
    }

    public long nextFlowRevision() {
        return ((Number) getEntityManager()
                        .createNativeQuery("select nextval('flow_revision_seq')")
                        .getSingleResult())
                .longValue();
    }

    public long countUnpublished() {
        return count("publishedAt is null");
    }
}
