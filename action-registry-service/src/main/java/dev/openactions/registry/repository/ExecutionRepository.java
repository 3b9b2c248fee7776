package dev.openactions.registry.repository;

import dev.openactions.registry.domain.ExecutionEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

@ApplicationScoped
public class ExecutionRepository implements PanacheRepositoryBase<ExecutionEntity, ExecutionEntity.Key> {

    public Optional<ExecutionEntity> findForTenant(String tenantId, String id) {
        return findByIdOptional(new ExecutionEntity.Key(tenantId, id));
    }

    public long deleteCreatedBefore(Instant cutoff) {
        return delete("createdAt < ?1", cutoff);
    }
}
