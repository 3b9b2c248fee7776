package dev.openactions.registry.marketplace;

import dev.openactions.registry.domain.RegistryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What customers browse: listed integrations with at least one published version, without their code. */
@ApplicationScoped
public class CatalogService {
    private final IntegrationRepository integrations;
    private final IntegrationVersionRepository versions;

    CatalogService(IntegrationRepository integrations, IntegrationVersionRepository versions) {
        this.integrations = integrations;
        this.versions = versions;
    }

    @Transactional
    public List<CatalogItem> search(String triggerId, String category) {
        return integrations.listed().stream()
                .filter(i -> triggerId == null || i.triggerId.equals(triggerId))
                .filter(i -> category == null || i.listing.categories().contains(category))
                .map(this::item)
                .flatMap(Optional::stream)
                .toList();
    }

    @Transactional
    public CatalogItem get(UUID id) {
        return integrations
                .findByIdOptional(id)
                .filter(i -> i.listed)
                .flatMap(this::item)
                .orElseThrow(() -> new RegistryException.NotFound("integration", id.toString()));
    }

    private Optional<CatalogItem> item(IntegrationEntity integration) {
        List<IntegrationVersionEntity> published = newestFirst(versions.published(integration.id));
        if (published.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CatalogItem(
                integration.id.toString(),
                integration.name,
                integration.partnerId,
                integration.triggerId,
                integration.listing,
                published.get(0).version,
                published.stream()
                        .map(v -> new CatalogItem.PublishedVersion(v.version, v.manifest, v.publishedAt))
                        .toList()));
    }

    static List<IntegrationVersionEntity> newestFirst(List<IntegrationVersionEntity> list) {
        return list.stream()
                .sorted(Comparator.comparing((IntegrationVersionEntity v) -> SemverRules.parse(v.version))
                        .reversed())
                .toList();
    }
}
