package dev.openactions.registry.marketplace;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class IntegrationRepository implements PanacheRepositoryBase<IntegrationEntity, UUID> {

    /** The partner's own integration; another partner's is absent (404). */
    public Optional<IntegrationEntity> findForPartner(String partnerId, UUID id) {
        return find("partnerId = ?1 and id = ?2", partnerId, id).firstResultOptional();
    }

    public List<IntegrationEntity> listForPartner(String partnerId) {
        return list("partnerId = ?1 order by createdAt, id", partnerId);
    }

    public boolean nameTaken(String partnerId, String name) {
        return count("partnerId = ?1 and name = ?2", partnerId, name) > 0;
    }

    public List<IntegrationEntity> listed() {
        return list("listed = true order by name, id");
    }
}
