package dev.openactions.registry.service;

import dev.openactions.registry.domain.ActionEntity;
import dev.openactions.registry.domain.ActionVersionEntity;
import dev.openactions.registry.domain.Dependency;
import dev.openactions.registry.domain.SecretRef;
import dev.openactions.registry.domain.SupportedTrigger;
import dev.openactions.registry.domain.VersionStatus;
import java.time.Instant;
import java.util.List;

/**
 * An action as the services hand it out: its draft, its deployed version and its build state. Secret
 * values never appear, only names. {@code api.ActionResponse} maps it to the wire.
 */
public record ActionView(
        String id,
        String name,
        List<SupportedTrigger> supportedTriggers,
        String code,
        List<Dependency> dependencies,
        String runtime,
        List<SecretRef> secrets,
        boolean debug,
        ActionVersionView deployedVersion,
        VersionStatus status,
        boolean allChangesDeployed,
        Instant builtAt,
        Instant createdAt,
        Instant updatedAt,
        IntegrationRef integration) {

    /**
     * An installed marketplace integration: the partner's code is never shown to the tenant (here, in
     * its deployed version, anywhere); the integration reference says what it runs instead.
     */
    public ActionView asInstalled(IntegrationRef reference) {
        return new ActionView(
                id,
                name,
                supportedTriggers,
                null,
                dependencies,
                runtime,
                secrets,
                debug,
                deployedVersion == null ? null : deployedVersion.withoutCode(),
                status,
                allChangesDeployed,
                builtAt,
                createdAt,
                updatedAt,
                reference);
    }

    /**
     * @param deployed the deployed version, or null
     * @param latest the newest version (its build state is the action's status), or null
     */
    static ActionView of(ActionEntity action, ActionVersionEntity deployed, ActionVersionEntity latest) {
        VersionStatus status = latest == null ? VersionStatus.BUILT : latest.status;
        return new ActionView(
                action.id.toString(),
                action.name,
                List.copyOf(action.content.supportedTriggers()),
                action.content.code(),
                List.copyOf(action.content.dependencies()),
                action.content.runtime(),
                List.copyOf(action.content.secrets()),
                action.debug,
                deployed == null ? null : ActionVersionView.of(deployed, action),
                status,
                deployed != null && deployed.hasContentOf(action.content),
                latest == null ? null : latest.builtAt,
                action.createdAt,
                action.updatedAt,
                null);
    }
}
