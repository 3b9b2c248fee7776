package dev.openactions.registry.marketplace;

import dev.openactions.registry.service.InstalledIntegrations;
import dev.openactions.registry.service.IntegrationRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The marketplace's answer to the action services' {@link InstalledIntegrations} hook, from the install rows. */
@ApplicationScoped
public class InstalledActions implements InstalledIntegrations {
    private final InstallRepository installs;
    private final IntegrationRepository integrations;
    private final IntegrationVersionRepository versions;

    InstalledActions(
            InstallRepository installs, IntegrationRepository integrations, IntegrationVersionRepository versions) {
        this.installs = installs;
        this.integrations = integrations;
        this.versions = versions;
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isInstalled(String tenantId, UUID actionId) {
        return installs.findForTenant(tenantId, actionId).isPresent();
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<IntegrationRef> reference(String tenantId, UUID actionId) {
        return installs.findForTenant(tenantId, actionId)
                .map(i -> ref(integrations.findById(i.integrationId), versions.findById(i.versionId)));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, String> configuration(String tenantId, UUID actionId) {
        return installs.findForTenant(tenantId, actionId)
                .map(i -> Map.copyOf(i.configuration))
                .orElse(null);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> outboundHosts(String tenantId, UUID actionId) {
        return installs.findForTenant(tenantId, actionId)
                .map(i -> versions.findById(i.versionId).manifest.capabilities().outboundHosts())
                .orElse(null);
    }

    static IntegrationRef ref(IntegrationEntity integration, IntegrationVersionEntity version) {
        return new IntegrationRef(
                integration.id.toString(),
                integration.name,
                integration.partnerId,
                version.version,
                version.status == VersionStatus.WITHDRAWN);
    }
}
