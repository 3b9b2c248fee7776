package dev.openactions.registry.api;

import java.util.List;

/** A page of actions: Auth0's {@code {actions, total, page, per_page}}. */
public record ActionsPage(List<ActionResponse> actions, long total, int page, int perPage) {
}
