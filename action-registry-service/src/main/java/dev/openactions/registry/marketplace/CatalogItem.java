package dev.openactions.registry.marketplace;

import java.time.Instant;
import java.util.List;

/** A published integration in the catalog: listing data and, per published version, its manifest. Never code. */
public record CatalogItem(
        String id,
        String name,
        String partnerId,
        String triggerId,
        Listing listing,
        String latestVersion,
        List<PublishedVersion> versions) {

    /** What a customer must supply to a version, and the hosts it may call. */
    public record PublishedVersion(String version, Manifest manifest, Instant publishedAt) {}
}
