package dev.openactions.registry.api;

import java.util.List;

/** A page of versions, newest first. */
public record VersionsPage(List<VersionResponse> versions, long total, int page, int perPage) {
}
