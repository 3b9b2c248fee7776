package dev.openactions.registry.api;

import dev.openactions.registry.service.ActionView;
import dev.openactions.registry.service.Page;
import java.util.List;

/** A page of actions: Auth0's {@code {actions, total, page, per_page}}. */
public record ActionsPage(List<ActionResponse> actions, long total, int page, int perPage) {

    public static ActionsPage from(Page<ActionView> page) {
        return new ActionsPage(
                page.items().stream().map(ActionResponse::from).toList(), page.total(), page.page(), page.perPage());
    }
}
