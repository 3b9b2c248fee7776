package dev.openactions.registry.api;

import dev.openactions.registry.domain.BuildError;
import dev.openactions.registry.domain.Dependency;
import dev.openactions.registry.domain.SecretRef;
import dev.openactions.registry.domain.SupportedTrigger;
import dev.openactions.registry.domain.VersionStatus;
import dev.openactions.registry.service.ActionVersionView;
import java.time.Instant;
import java.util.List;

/** An immutable action version, in Auth0's shape. */
public record VersionResponse(
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

    /** The owning action, as Auth0 embeds it in a version. */
    public record ActionSummary(
            String id, String name, List<SupportedTrigger> supportedTriggers, Instant createdAt, Instant updatedAt) {}

    public static VersionResponse from(ActionVersionView version) {
        ActionVersionView.ActionSummary action = version.action();
        return new VersionResponse(
                version.id(),
                version.actionId(),
                version.number(),
                version.code(),
                version.dependencies(),
                version.runtime(),
                version.secrets(),
                version.supportedTriggers(),
                version.status(),
                version.deployed(),
                version.errors(),
                version.builtAt(),
                version.createdAt(),
                version.updatedAt(),
                new ActionSummary(
                        action.id(),
                        action.name(),
                        action.supportedTriggers(),
                        action.createdAt(),
                        action.updatedAt()));
    }
}
