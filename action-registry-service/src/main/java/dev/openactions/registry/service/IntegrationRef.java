package dev.openactions.registry.service;

/**
 * What an installed integration shows instead of its code: which integration and version it runs,
 * and whether its partner has withdrawn that version (time to upgrade).
 */
public record IntegrationRef(
        String integrationId, String name, String partnerId, String version, boolean versionWithdrawn) {}
