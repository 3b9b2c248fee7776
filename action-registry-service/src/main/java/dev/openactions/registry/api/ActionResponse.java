package dev.openactions.registry.api;

import dev.openactions.registry.domain.Dependency;
import dev.openactions.registry.domain.SecretRef;
import dev.openactions.registry.domain.SupportedTrigger;
import dev.openactions.registry.domain.VersionStatus;
import dev.openactions.registry.service.ActionView;
import dev.openactions.registry.service.IntegrationRef;
import java.time.Instant;
import java.util.List;

/** An action as Auth0's Management API shows it. Secret values never appear: only names. */
public record ActionResponse(
        String id,
        String name,
        List<SupportedTrigger> supportedTriggers,
        String code,
        List<Dependency> dependencies,
        String runtime,
        List<SecretRef> secrets,
        boolean debug,
        VersionResponse deployedVersion,
        VersionStatus status,
        boolean allChangesDeployed,
        Instant builtAt,
        Instant createdAt,
        Instant updatedAt,
        IntegrationRef integration) {

    public static ActionResponse from(ActionView action) {
        return new ActionResponse(
                action.id(),
                action.name(),
                action.supportedTriggers(),
                action.code(),
                action.dependencies(),
                action.runtime(),
                action.secrets(),
                action.debug(),
                action.deployedVersion() == null ? null : VersionResponse.from(action.deployedVersion()),
                action.status(),
                action.allChangesDeployed(),
                action.builtAt(),
                action.createdAt(),
                action.updatedAt(),
                action.integration());
    }
}
