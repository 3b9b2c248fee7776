package dev.openactions.registry.service;

import dev.openactions.registry.api.ActionResponse;
import dev.openactions.registry.domain.ActionEntity;
import dev.openactions.registry.domain.ActionVersionEntity;
import dev.openactions.registry.repository.ActionVersionRepository;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns an action entity into its wire shape, loading the versions that shape needs. */
@ApplicationScoped
class ActionViews {
    private final ActionVersionRepository versions;

    ActionViews(ActionVersionRepository versions) {
        this.versions = versions;
    }

    ActionResponse of(ActionEntity action) {
        ActionVersionEntity deployed = action.deployedVersionId == null ? null : versions.findById(action.deployedVersionId);
        ActionVersionEntity latest = versions.findLatest(action.id).orElse(null);
        return ActionResponse.from(action, deployed, latest);
    }
}
