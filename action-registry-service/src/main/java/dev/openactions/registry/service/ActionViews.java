package dev.openactions.registry.service;

import dev.openactions.registry.domain.ActionEntity;
import dev.openactions.registry.domain.ActionVersionEntity;
import dev.openactions.registry.repository.ActionVersionRepository;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns an action entity into its view, loading the versions that view needs. */
@ApplicationScoped
class ActionViews {
    private final ActionVersionRepository versions;
    private final InstalledIntegrations installed;

    ActionViews(ActionVersionRepository versions, InstalledIntegrations installed) {
        this.versions = versions;
        this.installed = installed;
    }

    ActionView of(ActionEntity action) {
        ActionVersionEntity deployed =
                action.deployedVersionId == null ? null : versions.findById(action.deployedVersionId);
        ActionVersionEntity latest = versions.findLatest(action.id).orElse(null);
        ActionView view = ActionView.of(action, deployed, latest);
        return installed
                .reference(action.tenantId, action.id)
                .map(view::asInstalled)
                .orElse(view);
    }
}
