package dev.openactions.registry.service;

import dev.openactions.registry.domain.ActionEntity;
import dev.openactions.registry.domain.ActionVersionEntity;
import dev.openactions.registry.domain.BuildError;
import dev.openactions.registry.domain.Dependency;
import dev.openactions.registry.domain.SecretRef;
import dev.openactions.registry.domain.SupportedTrigger;
import dev.openactions.registry.domain.VersionStatus;
import java.time.Instant;
import java.util.List;

/** An immutable action version and a summary of its action; {@code api.VersionResponse} maps it to the wire. */
public record ActionVersionView(
        String id,
        String actionId,
        int number,
        String code,
        List<Dependency> dependencies,
        String runtime,
        List<SecretRef> secrets,
        List<SupportedTrigger> supportedTriggers,
        VersionStatus status,
        boolean deployed,
        List<BuildError> errors,
        Instant builtAt,
        Instant createdAt,
        Instant updatedAt,
        ActionSummary action) {

    /** The owning action, as a version embeds it. */
    public record ActionSummary(
            String id, String name, List<SupportedTrigger> supportedTriggers, Instant createdAt, Instant updatedAt) {}

    /** The same version without its code (an installed integration's: the tenant never sees a partner's code). */
    public ActionVersionView withoutCode() {
        return new ActionVersionView(
                id,
                actionId,
                number,
                null,
                dependencies,
                runtime,
                secrets,
                supportedTriggers,
                status,
                deployed,
                errors,
                builtAt,
                createdAt,
                updatedAt,
                action);
    }

    static ActionVersionView of(ActionVersionEntity version, ActionEntity action) {
        return new ActionVersionView(
                version.id.toString(),
                version.actionId.toString(),
                version.number,
                version.content.code(),
                List.copyOf(version.content.dependencies()),
                version.content.runtime(),
                List.copyOf(version.content.secrets()),
                List.copyOf(version.content.supportedTriggers()),
                version.status,
                version.deployed,
                List.copyOf(version.errors),
                version.builtAt,
                version.createdAt,
                version.updatedAt,
                new ActionSummary(
                        action.id.toString(),
                        action.name,
                        List.copyOf(action.content.supportedTriggers()),
                        action.createdAt,
                        action.updatedAt));
    }
}
