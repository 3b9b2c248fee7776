package dev.openactions.registry.repository;

/**
 * Filters of {@code GET /actions}; a null field does not filter. {@code installed} refers to
 * marketplace integrations installed into the tenant; custom actions never are.
 */
public record ActionFilter(String triggerId, String actionName, Boolean deployed, Boolean installed) {
    public static final ActionFilter NONE = new ActionFilter(null, null, null, null);
}
