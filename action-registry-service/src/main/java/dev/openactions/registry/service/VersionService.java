package dev.openactions.registry.service;

import dev.openactions.registry.config.RegistryConfig;
import dev.openactions.registry.domain.ActionContent;
import dev.openactions.registry.domain.ActionEntity;
import dev.openactions.registry.domain.ActionVersionEntity;
import dev.openactions.registry.domain.RegistryException;
import dev.openactions.registry.domain.VersionStatus;
import dev.openactions.registry.repository.ActionRepository;
import dev.openactions.registry.repository.ActionVersionRepository;
import dev.openactions.registry.repository.TriggerBindingRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Immutable versions: deploying the draft (a new version, built in the background and deployed
 * once built), rolling back (a new version copied from an older one), listing and pruning.
 * Every write locks the action's row first, so concurrent deploys get consecutive numbers.
 */
@ApplicationScoped
public class VersionService {
    private static final Logger LOG = Logger.getLogger(VersionService.class);

    /** Fired in the deploying transaction; the build worker wakes up once it committed. */
    public record BuildQueued(UUID versionId) {}

    private final ActionRepository actions;
    private final ActionVersionRepository versions;
    private final TriggerBindingRepository bindings;
    private final FlowPublisher flows;
    private final RegistryConfig config;
    private final Event<BuildQueued> queued;
    private final InstalledIntegrations installed;

    VersionService(
            ActionRepository actions,
            ActionVersionRepository versions,
            TriggerBindingRepository bindings,
            FlowPublisher flows,
            RegistryConfig config,
            Event<BuildQueued> queued,
            InstalledIntegrations installed) {
        this.installed = installed;
        this.actions = actions;
        this.versions = versions;
        this.bindings = bindings;
        this.flows = flows;
        this.config = config;
        this.queued = queued;
    }

    /**
     * Snapshots the draft into the next immutable version, in status {@code pending}. The build
     * worker checks it with the executor; only once built does it become the deployed version and
     * the flows it is bound in are republished. A failed build leaves the previous version live.
     */
    @Transactional
    public ActionVersionView deploy(String tenantId, UUID actionId) {
        ActionEntity action = actions.requireLocked(tenantId, actionId);
        requireCoversBindings(tenantId, action, action.content);
        Instant now = Instant.now();
        ActionVersionEntity version = newVersion(action, now);
        version.content = action.content.copy();
        version.requestedDependencies = new ArrayList<>(action.content.dependencies());
        version.status = VersionStatus.PENDING;
        version.nextBuildAt = now;
        version.deployed = false;
        versions.persist(version);
        prune(action);
        versions.flush();
        queued.fire(new BuildQueued(version.id));
        LOG.infof("Queued the build of action %s version %d for tenant %s", action.id, version.number, tenantId);
        return hideInstalledCode(ActionVersionView.of(version, action), action);
    }

    /**
     * Auth0's roll back: a new version identical to an older one, deployed at once. The source must
     * have been built: the copy has the same code, so it is not checked again (a rollback must work
     * even while the executor is unreachable). With {@code updateDraft} the draft becomes that code too.
     */
    @Transactional
    public ActionVersionView rollback(String tenantId, UUID actionId, UUID versionId, boolean updateDraft) {
        ActionEntity action = actions.requireLocked(tenantId, actionId);
        ActionVersionEntity source = versions.findForAction(tenantId, actionId, versionId)
                .orElseThrow(() -> new RegistryException.NotFound("version", versionId.toString()));
        if (source.status != VersionStatus.BUILT) {
            throw new RegistryException.Conflict("version " + source.number + " is " + source.status.wire()
                    + "; only a built version can be deployed again");
        }
        requireCoversBindings(tenantId, action, source.content);
        Instant now = Instant.now();
        ActionVersionEntity copy = newVersion(action, now);
        copy.content = source.content.copy();
        copy.requestedDependencies =
                source.requestedDependencies == null ? null : new ArrayList<>(source.requestedDependencies);
        // The same pinned tree: a rollback needs neither the npm registry nor a new resolution.
        copy.dependencyBundle = source.dependencyBundle;
        copy.status = VersionStatus.BUILT;
        copy.builtAt = now;
        copy.deployed = true;
        versions.undeployAll(action.id);
        versions.persist(copy);
        action.deployedVersionId = copy.id;
        if (updateDraft) {
            // Secrets stay the draft's: their values live per action in secrets-service, not per version.
            action.content = source.content.withSecrets(action.content.secrets());
            action.updatedAt = now;
        }
        prune(action);
        versions.flush();
        flows.publishBoundFlows(tenantId, action.id);
        LOG.infof(
                "Rolled action %s of tenant %s back to version %d as version %d",
                action.id, tenantId, source.number, copy.number);
        return hideInstalledCode(ActionVersionView.of(copy, action), action);
    }

    @Transactional
    public Page<ActionVersionView> versions(String tenantId, UUID actionId, int page, int perPage) {
        ActionEntity action = actions.require(tenantId, actionId);
        List<ActionVersionView> items = versions.page(tenantId, actionId, page, perPage).stream()
                .map(v -> hideInstalledCode(ActionVersionView.of(v, action), action))
                .toList();
        return new Page<>(items, versions.countForAction(tenantId, actionId), page, perPage);
    }

    @Transactional
    public ActionVersionView version(String tenantId, UUID actionId, UUID versionId) {
        ActionEntity action = actions.require(tenantId, actionId);
        return versions.findForAction(tenantId, actionId, versionId)
                .map(v -> hideInstalledCode(ActionVersionView.of(v, action), action))
                .orElseThrow(() -> new RegistryException.NotFound("version", versionId.toString()));
    }

    /** An installed integration's versions never show the partner's code to the tenant. */
    private ActionVersionView hideInstalledCode(ActionVersionView view, ActionEntity action) {
        return installed.isInstalled(action.tenantId, action.id) ? view.withoutCode() : view;
    }

    private ActionVersionEntity newVersion(ActionEntity action, Instant now) {
        ActionVersionEntity version = new ActionVersionEntity();
        version.id = UUID.randomUUID();
        version.tenantId = action.tenantId;
        version.actionId = action.id;
        version.number = versions.nextNumber(action.id);
        version.createdAt = now;
        version.updatedAt = now;
        return version;
    }

    private void prune(ActionEntity action) {
        versions.flush();
        int pruned = versions.pruneOldest(action.id, config.limits().maxVersionsPerAction());
        if (pruned > 0) {
            LOG.debugf("Pruned %d old version(s) of action %s", pruned, action.id);
        }
    }

    /** A version bound to a trigger it does not support would break that flow. */
    private void requireCoversBindings(String tenantId, ActionEntity action, ActionContent content) {
        Set<String> bound = bindings.triggersOf(tenantId, action.id);
        Set<String> supported = content.triggerIds();
        if (!supported.containsAll(bound)) {
            throw new RegistryException.Conflict("the action is bound to " + bound + " but this version supports "
                    + supported + "; remove those bindings first");
        }
    }
}
