package dev.openactions.registry.marketplace;

import java.util.List;

/** What the catalog shows of an integration (never its code). */
public record Listing(
        String name,
        String shortDescription,
        String longDescription,
        String logoUrl,
        String documentationUrl,
        String supportUrl,
        List<String> categories) {

    public Listing {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }
}
