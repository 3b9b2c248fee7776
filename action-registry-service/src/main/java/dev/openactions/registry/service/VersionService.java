package dev.openactions.registry.service;

import dev.openactions.registry.api.VersionResponse;
import dev.openactions.registry.api.VersionsPage;
import dev.openactions.registry.config.RegistryConfig;
import dev.openactions.registry.domain.ActionEntity;
import dev.openactions.registry.domain.ActionVersionEntity;
import dev.openactions.registry.domain.RegistryException;
import dev.openactions.registry.domain.SupportedTrigger;
import dev.openactions.registry.domain.VersionStatus;
import dev.openactions.registry.marketplace.InstalledActions;
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
import java.util.TreeSet;
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
    public record BuildQueued(UUID versionId) {
    }

    private final ActionRepository actions;
    private final ActionVersionRepository versions;
    private final TriggerBindingRepository bindings;
    private final FlowPublisher flows;
    private final RegistryConfig config;
    private final Event<BuildQueued> queued;
    private final InstalledActions installed;

    VersionService(ActionRepository actions, ActionVersionRepository versions, TriggerBindingRepository bindings,
            FlowPublisher flows, RegistryConfig config, Event<BuildQueued> queued, InstalledActions installed) {
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
    public VersionResponse deploy(String tenantId, UUID actionId) {
        ActionEntity action = lock(tenantId, actionId);
        requireCoversBindings(tenantId, action, action.supportedTriggers);
        Instant now = Instant.now();
        ActionVersionEntity version = newVersion(action, now);
        version.supportedTriggers = new ArrayList<>(action.supportedTriggers);
        version.code = action.code;
        version.runtime = action.runtime;
        version.dependencies = new ArrayList<>(action.dependencies);
        version.requestedDependencies = new ArrayList<>(action.dependencies);
        version.secrets = new ArrayList<>(action.secrets);
        version.status = VersionStatus.PENDING;
        version.nextBuildAt = now;
        version.deployed = false;
        versions.persist(version);
        prune(action);
        versions.flush();
        queued.fire(new BuildQueued(version.id));
        LOG.infof("Queued the build of action %s version %d for tenant %s", action.id, version.number, tenantId);
        return hideInstalledCode(VersionResponse.from(version, action), action);
    }

    /**
     * Auth0's roll back: a new version identical to an older one, deployed at once. The source must
     * have been built: the copy has the same code, so it is not checked again (a rollback must work
     * even while the executor is unreachable). With {@code updateDraft} the draft becomes that code too.
     */
    @Transactional
    public VersionResponse rollback(String tenantId, UUID actionId, UUID versionId, boolean updateDraft) {
        ActionEntity action = lock(tenantId, actionId);
        ActionVersionEntity source = versions.findForAction(tenantId, actionId, versionId)
                .orElseThrow(() -> new RegistryException.NotFound("version", versionId.toString()));
        if (source.status != VersionStatus.BUILT) {
            throw new RegistryException.Conflict("version " + source.number + " is " + source.status.wire()
                    + "; only a built version can be deployed again");
        }
        requireCoversBindings(tenantId, action, source.supportedTriggers);
        Instant now = Instant.now();
        ActionVersionEntity copy = newVersion(action, now);
        copy.supportedTriggers = new ArrayList<>(source.supportedTriggers);
        copy.code = source.code;
        copy.runtime = source.runtime;
        copy.dependencies = new ArrayList<>(source.dependencies);
        copy.requestedDependencies = source.requestedDependencies == null ? null : new ArrayList<>(source.requestedDependencies);
        // The same pinned tree: a rollback needs neither the npm registry nor a new resolution.
        copy.dependencyBundle = source.dependencyBundle;
        copy.secrets = new ArrayList<>(source.secrets);
        copy.status = VersionStatus.BUILT;
        copy.builtAt = now;
        copy.deployed = true;
        versions.undeployAll(action.id);
        versions.persist(copy);
        action.deployedVersionId = copy.id;
        if (updateDraft) {
            action.supportedTriggers = new ArrayList<>(source.supportedTriggers);
            action.code = source.code;
            action.runtime = source.runtime;
            action.dependencies = new ArrayList<>(source.dependencies);
            action.updatedAt = now;
        }
        prune(action);
        versions.flush();
        republish(tenantId, action.id);
        LOG.infof("Rolled action %s of tenant %s back to version %d as version %d", action.id, tenantId, source.number,
                copy.number);
        return hideInstalledCode(VersionResponse.from(copy, action), action);
    }

    @Transactional
    public VersionsPage versions(String tenantId, UUID actionId, int page, int perPage) {
        ActionEntity action = find(tenantId, actionId);
        List<VersionResponse> items = versions.page(tenantId, actionId, page, perPage).stream()
                .map(v -> hideInstalledCode(VersionResponse.from(v, action), action)).toList();
        return new VersionsPage(items, versions.countForAction(tenantId, actionId), page, perPage);
    }

    @Transactional
    public VersionResponse version(String tenantId, UUID actionId, UUID versionId) {
        ActionEntity action = find(tenantId, actionId);
        return versions.findForAction(tenantId, actionId, versionId)
                .map(v -> hideInstalledCode(VersionResponse.from(v, action), action))
                .orElseThrow(() -> new RegistryException.NotFound("version", versionId.toString()));
    }

    /** An installed integration's versions never show the partner's code to the tenant. */
    private VersionResponse hideInstalledCode(VersionResponse response, ActionEntity action) {
        return installed.isInstalled(action.tenantId, action.id) ? response.withoutCode() : response;
    }

    /** Republishes every flow the action is bound in (its deployed version changed). Caller's transaction. */
    void republish(String tenantId, UUID actionId) {
        for (String triggerId : boundTriggers(tenantId, actionId)) {
            flows.publish(tenantId, triggerId);
        }
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
    private void requireCoversBindings(String tenantId, ActionEntity action, List<SupportedTrigger> triggers) {
        Set<String> bound = boundTriggers(tenantId, action.id);
        Set<String> supported = new TreeSet<>();
        triggers.forEach(t -> supported.add(t.id()));
        if (!supported.containsAll(bound)) {
            throw new RegistryException.Conflict("the action is bound to " + bound + " but this version supports "
                    + supported + "; remove those bindings first");
        }
    }

    private Set<String> boundTriggers(String tenantId, UUID actionId) {
        Set<String> triggers = new TreeSet<>();
        bindings.findByAction(tenantId, actionId).forEach(b -> triggers.add(b.triggerId));
        return triggers;
    }

    private ActionEntity find(String tenantId, UUID id) {
        return actions.findForTenant(tenantId, id).orElseThrow(() -> new RegistryException.NotFound("action", id.toString()));
    }

    private ActionEntity lock(String tenantId, UUID id) {
        return actions.lockForTenant(tenantId, id).orElseThrow(() -> new RegistryException.NotFound("action", id.toString()));
    }
}
