package dev.openactions.registry.api;

import dev.openactions.registry.service.BindingView;
import dev.openactions.registry.service.Page;
import java.util.List;

/** The ordered bindings of a trigger, paginated as Auth0 does. */
public record BindingsPage(List<BindingResponse> bindings, long total, int page, int perPage) {

    public static BindingsPage from(Page<BindingView> page) {
        return new BindingsPage(
                page.items().stream().map(BindingResponse::from).toList(), page.total(), page.page(), page.perPage());
    }
}
