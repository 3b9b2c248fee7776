package dev.openactions.registry.marketplace;

import dev.openactions.registry.service.IntegrationRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An install as its tenant sees it: the action it is ({@code id}, usable everywhere an action id is),
 * the integration reference, the configuration values and the secret names (never values, never code).
 */
public record InstallView(
        String id,
        String actionName,
        IntegrationRef integration,
        Map<String, String> configuration,
        List<String> secrets,
        String previousVersion,
        Instant createdAt,
        Instant updatedAt) {}
