package dev.openactions.registry.api;

import java.util.List;

/** The ordered bindings of a trigger, paginated as Auth0 does. */
public record BindingsPage(List<BindingResponse> bindings, long total, int page, int perPage) {
}
