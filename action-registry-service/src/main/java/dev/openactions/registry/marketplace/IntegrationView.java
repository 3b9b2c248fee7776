package dev.openactions.registry.marketplace;

import java.time.Instant;
import java.util.List;

/** An integration as its partner sees it: listing data and the state of every version. */
public record IntegrationView(
        String id,
        String partnerId,
        String name,
        String triggerId,
        Listing listing,
        boolean listed,
        List<VersionSummary> versions,
        Instant createdAt,
        Instant updatedAt) {

    public record VersionSummary(String version, VersionStatus status, Instant submittedAt, Instant publishedAt) {}

    static IntegrationView of(IntegrationEntity integration, List<IntegrationVersionEntity> versions) {
        return new IntegrationView(
                integration.id.toString(),
                integration.partnerId,
                integration.name,
                integration.triggerId,
                integration.listing,
                integration.listed,
                versions.stream()
                        .map(v -> new VersionSummary(v.version, v.status, v.submittedAt, v.publishedAt))
                        .toList(),
                integration.createdAt,
                integration.updatedAt);
    }
}
