package dev.openactions.registry.marketplace;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The hook the action services use to treat installed integrations differently: their API views show
 * an integration reference instead of code, their drafts refuse code changes, and their flow entries
 * carry the install's configuration. Runs in the caller's transaction.
 */
@ApplicationScoped
public class InstalledActions {
    private final InstallRepository installs;
    private final IntegrationRepository integrations;
    private final IntegrationVersionRepository versions;

    InstalledActions(InstallRepository installs, IntegrationRepository integrations, IntegrationVersionRepository versions) {
        this.installs = installs;
        this.integrations = integrations;
        this.versions = versions;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isInstalled(String tenantId, UUID actionId) {
        return installs.findForTenant(tenantId, actionId).isPresent();
    }

    /** The integration reference of an installed action; empty for a custom action. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<IntegrationRef> reference(String tenantId, UUID actionId) {
        return installs.findForTenant(tenantId, actionId)
                .map(i -> ref(integrations.findById(i.integrationId), versions.findById(i.versionId)));
    }

    /** The configuration values an installed action runs with; null for a custom action. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, String> configuration(String tenantId, UUID actionId) {
        return installs.findForTenant(tenantId, actionId).map(i -> Map.copyOf(i.configuration)).orElse(null);
    }

    /** The hosts an installed action may call (its version's capabilities); null for a custom action. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.List<String> outboundHosts(String tenantId, UUID actionId) {
        return installs.findForTenant(tenantId, actionId)
                .map(i -> versions.findById(i.versionId).manifest.capabilities().outboundHosts()).orElse(null);
    }

    static IntegrationRef ref(IntegrationEntity integration, IntegrationVersionEntity version) {
        return new IntegrationRef(integration.id.toString(), integration.name, integration.partnerId, version.version,
                version.status == VersionStatus.WITHDRAWN);
    }
}
