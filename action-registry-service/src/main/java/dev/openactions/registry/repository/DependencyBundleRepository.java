package dev.openactions.registry.repository;

import dev.openactions.registry.domain.DependencyBundleEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

@ApplicationScoped
public class DependencyBundleRepository implements PanacheRepositoryBase<DependencyBundleEntity, String> {

    /** Stores a bundle unless its hash is already there (the same tree, written by another build or replica). */
    public void insertIfAbsent(String hash, byte[] content, int files, long bytes) {
        getEntityManager()
                .createNativeQuery("""
                insert into dependency_bundles (hash, content, files, bytes, created_at) values (?1, ?2, ?3, ?4, ?5)
                on conflict (hash) do nothing""")
                .setParameter(1, hash)
                .setParameter(2, content)
                .setParameter(3, files)
                .setParameter(4, bytes)
                .setParameter(5, Instant.now())
                .executeUpdate();
    }
}
