package dev.openactions.registry.api;

import dev.openactions.registry.domain.ActionEntity;
import dev.openactions.registry.domain.ActionVersionEntity;
import dev.openactions.registry.domain.Dependency;
import dev.openactions.registry.domain.SecretRef;
import dev.openactions.registry.domain.SupportedTrigger;
import dev.openactions.registry.domain.VersionStatus;
import dev.openactions.registry.marketplace.IntegrationRef;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;

/** An action as Auth0's Management API shows it. Secret values never appear: only names. */
public record ActionResponse(String id, String name, List<SupportedTrigger> supportedTriggers, String code,
        List<Dependency> dependencies, String runtime, List<SecretRef> secrets, boolean debug, VersionResponse deployedVersion,
        VersionStatus status, boolean allChangesDeployed, Instant builtAt, Instant createdAt, Instant updatedAt,
        IntegrationRef integration) {

    /**
     * An installed marketplace integration: the partner's code is never shown to the tenant (here, in
     * its deployed version, anywhere); the integration reference says what it runs instead.
     */
    public ActionResponse asInstalled(IntegrationRef reference) {
        return new ActionResponse(id, name, supportedTriggers, null, dependencies, runtime, secrets, debug,
                deployedVersion == null ? null : deployedVersion.withoutCode(), status, allChangesDeployed, builtAt,
                createdAt, updatedAt, reference);
    }

    /**
     * @param deployed the deployed version, or null
     * @param latest the newest version (its build state is the action's status), or null
     */
    public static ActionResponse from(ActionEntity action, ActionVersionEntity deployed, ActionVersionEntity latest) {
        VersionStatus status = latest == null ? VersionStatus.BUILT : latest.status;
        return new ActionResponse(action.id.toString(), action.name, List.copyOf(action.supportedTriggers), action.code,
                List.copyOf(action.dependencies), action.runtime, List.copyOf(action.secrets), action.debug,
                deployed == null ? null : VersionResponse.from(deployed, action), status,
                deployed != null && sameContent(action, deployed), latest == null ? null : latest.builtAt,
                action.createdAt, action.updatedAt, null);
    }

    /**
     * True when deploying the draft would change nothing: same code, runtime, dependencies, triggers
     * and secrets (names and when their values last changed). Dependencies match either as the draft
     * asked for them or as the version pinned them.
     */
    static boolean sameContent(ActionEntity action, ActionVersionEntity version) {
        return action.code.equals(version.code) && action.runtime.equals(version.runtime)
                && (action.dependencies.equals(version.dependencies) || action.dependencies.equals(version.requestedDependencies))
                && action.supportedTriggers.equals(version.supportedTriggers)
                && new HashSet<>(action.secrets).equals(new HashSet<>(version.secrets));
    }
}
