package dev.openactions.registry.api;

import dev.openactions.registry.service.ActionVersionView;
import dev.openactions.registry.service.Page;
import java.util.List;

/** A page of versions, newest first. */
public record VersionsPage(List<VersionResponse> versions, long total, int page, int perPage) {

    public static VersionsPage from(Page<ActionVersionView> page) {
        return new VersionsPage(
                page.items().stream().map(VersionResponse::from).toList(), page.total(), page.page(), page.perPage());
    }
}
