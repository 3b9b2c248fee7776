package dev.openactions.secrets.repository;

import dev.openactions.secrets.domain.SecretValueEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@ApplicationScoped
public class SecretValueRepository implements PanacheRepository<SecretValueEntity> {

    public List<SecretValueEntity> findByOwner(String tenantId, String ownerId) {
        return list("tenantId = ?1 and ownerId = ?2 order by name", tenantId, ownerId);
    }

    /**
     * Serializes the writers of one owner's secrets until this transaction ends (a PostgreSQL
     * transaction-level advisory lock on the owner): two concurrent replace-all requests then run one
     * after the other, each on the set the other left, instead of racing on the same rows.
     */
    public void lockOwner(String tenantId, String ownerId) {
        getEntityManager()
                .createNativeQuery(
                        "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))) AS locked")
                .setParameter(1, tenantId + "/" + ownerId)
                .getSingleResult();
    }

    public long deleteByOwner(String tenantId, String ownerId) {
        return delete("tenantId = ?1 and ownerId = ?2", tenantId, ownerId);
    }

    /**
     * The next rows of {@code keyId} sealed below {@code version}, after row {@code afterId}, locked
     * for this transaction. Rows a writer holds right now are skipped (a later pass gets them), so the
     * rewrap never waits for, or deadlocks with, a request.
     */
    @SuppressWarnings("unchecked")
    public List<SecretValueEntity> lockNextBelow(String keyId, int version, long afterId, int limit) {
        return getEntityManager()
                .createNativeQuery("""
                SELECT * FROM secret_values
                WHERE key_id = ?1 AND key_version < ?2 AND id > ?3
                ORDER BY id LIMIT ?4
                FOR UPDATE SKIP LOCKED""", SecretValueEntity.class)
                .setParameter(1, keyId)
                .setParameter(2, version)
                .setParameter(3, afterId)
                .setParameter(4, limit)
                .getResultList();
    }

    public long countBelow(String keyId, int version) {
        return count("keyId = ?1 and keyVersion < ?2", keyId, version);
    }

    /** How many values each version of {@code keyId} seals. */
    public Map<Integer, Long> countByVersion(String keyId) {
        Map<Integer, Long> counts = new TreeMap<>();
        getEntityManager()
                .createQuery(
                        "select v.keyVersion, count(v) from SecretValueEntity v where v.keyId = ?1 group by v.keyVersion",
                        Object[].class)
                .setParameter(1, keyId)
                .getResultList()
                .forEach(row -> counts.put((Integer) row[0], (Long) row[1]));
        return counts;
    }
}
