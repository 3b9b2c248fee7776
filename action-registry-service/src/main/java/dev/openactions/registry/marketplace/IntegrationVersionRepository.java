package dev.openactions.registry.marketplace;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class IntegrationVersionRepository implements PanacheRepositoryBase<IntegrationVersionEntity, UUID> {

    public List<IntegrationVersionEntity> forIntegration(UUID integrationId) {
        return list("integrationId = ?1 order by createdAt, id", integrationId);
    }

    public Optional<IntegrationVersionEntity> findVersion(UUID integrationId, String version) {
        return find("integrationId = ?1 and version = ?2", integrationId, version)
                .firstResultOptional();
    }

    public Optional<IntegrationVersionEntity> lock(UUID integrationId, String version) {
        return find("integrationId = ?1 and version = ?2", integrationId, version)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public List<IntegrationVersionEntity> withStatus(VersionStatus status) {
        return list("status = ?1 order by submittedAt, id", status);
    }

    public List<IntegrationVersionEntity> published(UUID integrationId) {
        return list("integrationId = ?1 and status = ?2", integrationId, VersionStatus.PUBLISHED);
    }
}
