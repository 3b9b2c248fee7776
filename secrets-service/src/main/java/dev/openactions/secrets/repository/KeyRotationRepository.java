package dev.openactions.secrets.repository;

import dev.openactions.secrets.domain.KeyRotationEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class KeyRotationRepository implements PanacheRepositoryBase<KeyRotationEntity, UUID> {

    /** The rotation in progress, if any (at most one: a unique index guards it). */
    public Optional<KeyRotationEntity> findActive() {
        return find("status", KeyRotationEntity.Status.REWRAPPING).firstResultOptional();
    }

    /**
     * Locks the rotation for this transaction unless another worker holds it: whoever holds the lock
     * rewraps the next batch, so instances never work on the same rotation at once.
     */
    public Optional<KeyRotationEntity> lockIfFree(UUID id) {
        @SuppressWarnings("unchecked")
        var rows = (List<KeyRotationEntity>) getEntityManager()
                .createNativeQuery(
                        "SELECT * FROM key_rotations WHERE id = ?1 FOR UPDATE SKIP LOCKED", KeyRotationEntity.class)
                .setParameter(1, id)
                .getResultList();
        return rows.stream().findFirst();
    }
}
