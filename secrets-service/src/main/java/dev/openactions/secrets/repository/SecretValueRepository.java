package dev.openactions.secrets.repository;

import dev.openactions.secrets.domain.SecretValueEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class SecretValueRepository implements PanacheRepository<SecretValueEntity> {

    public List<SecretValueEntity> findByOwner(String tenantId, String ownerId) {
        return list("tenantId = ?1 and ownerId = ?2 order by name", tenantId, ownerId);
    }

    public long deleteByOwner(String tenantId, String ownerId) {
        return delete("tenantId = ?1 and ownerId = ?2", tenantId, ownerId);
    }
}
