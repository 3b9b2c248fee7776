package dev.openactions.registry.service;

import dev.openactions.registry.api.ActionResponse;
import dev.openactions.registry.api.ActionsPage;
import dev.openactions.registry.api.VersionResponse;
import dev.openactions.registry.api.VersionsPage;
import dev.openactions.registry.client.SecretsClient;
import dev.openactions.registry.client.SecretsGateway;
import dev.openactions.registry.domain.ActionEntity;
import dev.openactions.registry.domain.ActionVersionEntity;
import dev.openactions.registry.domain.RegistryException;
import dev.openactions.registry.domain.SecretRef;
import dev.openactions.registry.domain.TriggerBindingEntity;
import dev.openactions.registry.domain.VersionStatus;
import dev.openactions.registry.repository.ActionRepository;
import dev.openactions.registry.repository.ActionVersionRepository;
import dev.openactions.registry.repository.TriggerBindingRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Creating, reading, deploying and deleting actions. */
@ApplicationScoped
public class ActionService {
    private static final Logger LOG = Logger.getLogger(ActionService.class);

    private final ActionRepository actions;
    private final ActionVersionRepository versions;
    private final TriggerBindingRepository bindings;
    private final SecretsGateway secrets;
    private final FlowPublisher flows;
    private final ActionRules rules;
    private final ActionViews views;

    ActionService(ActionRepository actions, ActionVersionRepository versions, TriggerBindingRepository bindings,
            SecretsGateway secrets, FlowPublisher flows, ActionRules rules, ActionViews views) {
        this.actions = actions;
        this.versions = versions;
        this.bindings = bindings;
        this.secrets = secrets;
        this.flows = flows;
        this.rules = rules;
        this.views = views;
    }

    /**
     * Secret values go to secrets-service first (under the new action's id), then the action is
     * stored; if storing fails, the values are removed again, so no half-created action remains.
     */
    public ActionResponse create(String tenantId, ActionDraft draft, boolean deploy) {
        rules.checkDraft(draft);
        QuarkusTransaction.requiringNew().run(() -> {
            rules.checkActionCount(actions.countForTenant(tenantId));
            ensureNameFree(tenantId, draft.name());
        });
        UUID id = UUID.randomUUID();
        List<SecretRef> storedSecrets = storeSecrets(tenantId, id, draft.secrets());
        try {
            QuarkusTransaction.requiringNew().run(() -> insert(tenantId, id, draft, storedSecrets));
        } catch (RuntimeException e) {
            if (!storedSecrets.isEmpty()) {
                secrets.deleteOwner(tenantId, id.toString());
            }
            throw e;
        }
        LOG.infof("Created action %s (%s) for tenant %s", id, draft.name(), tenantId);
        if (deploy) {
            deploy(tenantId, id);
        }
        return get(tenantId, id);
    }

    private List<SecretRef> storeSecrets(String tenantId, UUID actionId, List<ActionDraft.SecretValue> given) {
        if (given == null || given.isEmpty()) {
            return List.of();
        }
        for (ActionDraft.SecretValue secret : given) {
            if (secret.value() == null) {
                throw new RegistryException.Invalid("secret '" + secret.name() + "' needs a value");
            }
        }
        return secrets.replace(tenantId, actionId.toString(), given.stream()
                .map(s -> new SecretsClient.ReplaceSecrets.Item(s.name(), s.value())).toList());
    }

    private void insert(String tenantId, UUID id, ActionDraft draft, List<SecretRef> storedSecrets) {
        ensureNameFree(tenantId, draft.name());
        Instant now = Instant.now();
        ActionEntity action = new ActionEntity();
        action.id = id;
        action.tenantId = tenantId;
        action.name = draft.name();
        action.supportedTriggers = new ArrayList<>(draft.supportedTriggers());
        action.code = draft.code();
        action.runtime = draft.runtime() == null ? ActionRules.DEFAULT_RUNTIME : draft.runtime();
        action.dependencies = new ArrayList<>(draft.dependencies());
        action.secrets = new ArrayList<>(storedSecrets);
        action.createdAt = now;
        action.updatedAt = now;
        actions.persist(action);
    }

    private void ensureNameFree(String tenantId, String name) {
        if (actions.findByName(tenantId, name).isPresent()) {
            throw new RegistryException.Conflict("an action named '" + name + "' already exists");
        }
    }

    @Transactional
    public ActionResponse get(String tenantId, UUID id) {
        return views.of(find(tenantId, id));
    }

    @Transactional
    public ActionsPage list(String tenantId, int page, int perPage) {
        List<ActionResponse> items = actions.page(tenantId, page, perPage).stream().map(views::of).toList();
        return new ActionsPage(items, actions.countForTenant(tenantId), page, perPage);
    }

    /**
     * Snapshots the draft into the next immutable version and makes it the deployed one. Every flow
     * the action is bound in is republished, so the new code runs from the next execution on.
     */
    @Transactional
    public VersionResponse deploy(String tenantId, UUID actionId) {
        ActionEntity action = lock(tenantId, actionId);
        Instant now = Instant.now();
        ActionVersionEntity version = new ActionVersionEntity();
        version.id = UUID.randomUUID();
        version.tenantId = tenantId;
        version.actionId = action.id;
        version.number = versions.nextNumber(action.id);
        version.supportedTriggers = new ArrayList<>(action.supportedTriggers);
        version.code = action.code;
        version.runtime = action.runtime;
        version.dependencies = new ArrayList<>(action.dependencies);
        version.secrets = new ArrayList<>(action.secrets);
        // The build (syntax and handler check in the executor's engine) is not wired yet: a version is
        // accepted as built. Bad code then fails at execution with a clear error.
        version.status = VersionStatus.BUILT;
        version.builtAt = now;
        version.deployed = true;
        version.createdAt = now;
        version.updatedAt = now;
        versions.undeployAll(action.id);
        versions.persist(version);
        action.deployedVersionId = version.id;
        versions.flush();

        for (String triggerId : boundTriggers(tenantId, action.id)) {
            flows.publish(tenantId, triggerId);
        }
        LOG.infof("Deployed action %s version %d for tenant %s", action.id, version.number, tenantId);
        return VersionResponse.from(version, action);
    }

    @Transactional
    public VersionsPage versions(String tenantId, UUID actionId, int page, int perPage) {
        ActionEntity action = find(tenantId, actionId);
        List<VersionResponse> items = versions.page(tenantId, actionId, page, perPage).stream()
                .map(v -> VersionResponse.from(v, action)).toList();
        return new VersionsPage(items, versions.countForAction(tenantId, actionId), page, perPage);
    }

    @Transactional
    public VersionResponse version(String tenantId, UUID actionId, UUID versionId) {
        ActionEntity action = find(tenantId, actionId);
        return versions.findForAction(tenantId, actionId, versionId)
                .map(v -> VersionResponse.from(v, action))
                .orElseThrow(() -> new RegistryException.NotFound("version", versionId.toString()));
    }

    /** Deletes an action; while it is bound that needs {@code force}, which detaches it from every flow. */
    public void delete(String tenantId, UUID actionId, boolean force) {
        QuarkusTransaction.requiringNew().run(() -> {
            ActionEntity action = lock(tenantId, actionId);
            List<TriggerBindingEntity> bound = bindings.findByAction(tenantId, actionId);
            if (!bound.isEmpty() && !force) {
                throw new RegistryException.Conflict("the action is bound to " + triggersOf(bound)
                        + "; remove the bindings first or delete with force=true");
            }
            Set<String> affected = triggersOf(bound);
            bound.forEach(bindings::delete);
            bindings.flush();
            for (String triggerId : affected) {
                renumber(tenantId, triggerId);
                flows.publish(tenantId, triggerId);
            }
            actions.delete(action);
        });
        secrets.deleteOwner(tenantId, actionId.toString());
        LOG.infof("Deleted action %s of tenant %s", actionId, tenantId);
    }

    private void renumber(String tenantId, String triggerId) {
        List<TriggerBindingEntity> flow = bindings.findFlow(tenantId, triggerId);
        for (int i = 0; i < flow.size(); i++) {
            flow.get(i).position = i;
        }
    }

    private Set<String> boundTriggers(String tenantId, UUID actionId) {
        return triggersOf(bindings.findByAction(tenantId, actionId));
    }

    private static Set<String> triggersOf(List<TriggerBindingEntity> bound) {
        Set<String> triggers = new TreeSet<>();
        bound.forEach(b -> triggers.add(b.triggerId));
        return triggers;
    }

    private ActionEntity find(String tenantId, UUID id) {
        return actions.findForTenant(tenantId, id).orElseThrow(() -> new RegistryException.NotFound("action", id.toString()));
    }

    private ActionEntity lock(String tenantId, UUID id) {
        ActionEntity action = actions.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (action == null || !action.tenantId.equals(tenantId)) {
            throw new RegistryException.NotFound("action", id.toString());
        }
        return action;
    }
}
