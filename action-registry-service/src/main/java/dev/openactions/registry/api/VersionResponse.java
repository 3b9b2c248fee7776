package dev.openactions.registry.api;

import dev.openactions.registry.domain.ActionEntity;
import dev.openactions.registry.domain.ActionVersionEntity;
import dev.openactions.registry.domain.BuildError;
import dev.openactions.registry.domain.Dependency;
import dev.openactions.registry.domain.SecretRef;
import dev.openactions.registry.domain.SupportedTrigger;
import dev.openactions.registry.domain.VersionStatus;
import java.time.Instant;
import java.util.List;

/** An immutable action version, in Auth0's shape. */
public record VersionResponse(String id, String actionId, int number, String code, List<Dependency> dependencies,
        String runtime, List<SecretRef> secrets, List<SupportedTrigger> supportedTriggers, VersionStatus status,
        boolean deployed, List<BuildError> errors, Instant builtAt, Instant createdAt, Instant updatedAt,
        ActionSummary action) {

    /** The owning action, as Auth0 embeds it in a version. */
    public record ActionSummary(String id, String name, List<SupportedTrigger> supportedTriggers, Instant createdAt,
            Instant updatedAt) {
    }

    /** The same version without its code (an installed integration's: the tenant never sees a partner's code). */
    public VersionResponse withoutCode() {
        return new VersionResponse(id, actionId, number, null, dependencies, runtime, secrets, supportedTriggers, status,
                deployed, errors, builtAt, createdAt, updatedAt, action);
    }

    public static VersionResponse from(ActionVersionEntity version, ActionEntity action) {
        return new VersionResponse(version.id.toString(), version.actionId.toString(), version.number, version.code,
                List.copyOf(version.dependencies), version.runtime, List.copyOf(version.secrets),
                List.copyOf(version.supportedTriggers), version.status, version.deployed, List.copyOf(version.errors),
                version.builtAt, version.createdAt, version.updatedAt,
                new ActionSummary(action.id.toString(), action.name, List.copyOf(action.supportedTriggers),
                        action.createdAt, action.updatedAt));
    }
}
