package dev.openactions.registry.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the action services need to know about marketplace installs, to treat an installed integration
 * differently: its views show an integration reference instead of code, and its flow entries carry the
 * install's configuration and allowed hosts. The marketplace implements it, so the action services
 * never import the marketplace (which builds on them). Runs in the caller's transaction.
 */
public interface InstalledIntegrations {

    boolean isInstalled(String tenantId, UUID actionId);

    /** The integration reference of an installed action; empty for a custom action. */
    Optional<IntegrationRef> reference(String tenantId, UUID actionId);

    /** The configuration values an installed action runs with; null for a custom action. */
    Map<String, String> configuration(String tenantId, UUID actionId);

    /** The hosts an installed action may call (its version's capabilities); null for a custom action. */
    List<String> outboundHosts(String tenantId, UUID actionId);
}
