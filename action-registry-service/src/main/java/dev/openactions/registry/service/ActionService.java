package dev.openactions.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openactions.npm.DependencyFailure;
import dev.openactions.registry.client.ExecutorClient;
import dev.openactions.registry.client.ExecutorGateway;
import dev.openactions.registry.client.SecretsClient;
import dev.openactions.registry.client.SecretsGateway;
import dev.openactions.registry.dependencies.DependencyPinning;
import dev.openactions.registry.domain.ActionContent;
import dev.openactions.registry.domain.ActionEntity;
import dev.openactions.registry.domain.Dependency;
import dev.openactions.registry.domain.RegistryException;
import dev.openactions.registry.domain.SecretRef;
import dev.openactions.registry.repository.ActionFilter;
import dev.openactions.registry.repository.ActionRepository;
import dev.openactions.registry.repository.TriggerBindingRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** Creating, reading, editing, test-running and deleting actions (the draft side of an action). */
@ApplicationScoped
public class ActionService {
    private static final Logger LOG = Logger.getLogger(ActionService.class);

    private final ActionRepository actions;
    private final TriggerBindingRepository bindings;
    private final SecretsGateway secrets;
    private final ExecutorGateway executor;
    private final FlowPublisher flows;
    private final ActionRules rules;
    private final ActionViews views;
    private final VersionService versions;
    private final DependencyPinning dependencies;
    private final InstalledIntegrations installed;

    ActionService(
            ActionRepository actions,
            TriggerBindingRepository bindings,
            SecretsGateway secrets,
            ExecutorGateway executor,
            FlowPublisher flows,
            ActionRules rules,
            ActionViews views,
            VersionService versions,
            DependencyPinning dependencies,
            InstalledIntegrations installed) {
        this.actions = actions;
        this.bindings = bindings;
        this.secrets = secrets;
        this.executor = executor;
        this.flows = flows;
        this.rules = rules;
        this.views = views;
        this.versions = versions;
        this.dependencies = dependencies;
        this.installed = installed;
    }

    /**
     * Secret values go to secrets-service first (under the new action's id), then the action is
     * stored; if storing fails, the values are removed again, so no half-created action remains.
     */
    public ActionView create(String tenantId, ActionDraft draft, boolean deploy) {
        rules.checkDraft(draft);
        QuarkusTransaction.requiringNew().run(() -> {
            rules.checkActionCount(actions.countForTenant(tenantId));
            ensureNameFree(tenantId, draft.name());
        });
        UUID id = UUID.randomUUID();
        List<SecretRef> storedSecrets = storeNewSecrets(tenantId, id, draft.secrets());
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
            versions.deploy(tenantId, id);
        }
        return get(tenantId, id);
    }

    private List<SecretRef> storeNewSecrets(String tenantId, UUID actionId, List<ActionDraft.SecretValue> given) {
        if (given == null || given.isEmpty()) {
            return List.of();
        }
        for (ActionDraft.SecretValue secret : given) {
            if (secret.value() == null) {
                throw new RegistryException.Invalid("secret '" + secret.name() + "' needs a value");
            }
        }
        return secrets.replace(tenantId, actionId.toString(), items(given));
    }

    private void insert(String tenantId, UUID id, ActionDraft draft, List<SecretRef> storedSecrets) {
        actions.lockTenant(tenantId); // the count check above is repeated under the lock: no race past the limit
        rules.checkActionCount(actions.countForTenant(tenantId));
        ensureNameFree(tenantId, draft.name());
        Instant now = Instant.now();
        ActionEntity action = new ActionEntity();
        action.id = id;
        action.tenantId = tenantId;
        action.name = draft.name();
        action.content = new ActionContent(
                draft.supportedTriggers(),
                draft.code(),
                draft.runtime() == null ? ActionRules.DEFAULT_RUNTIME : draft.runtime(),
                draft.dependencies(),
                storedSecrets);
        action.debug = Boolean.TRUE.equals(draft.debug());
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
    public ActionView get(String tenantId, UUID id) {
        return views.of(actions.require(tenantId, id));
    }

    @Transactional
    public Page<ActionView> list(String tenantId, ActionFilter filter, int page, int perPage) {
        List<ActionView> items = actions.search(tenantId, filter, page, perPage).stream()
                .map(views::of)
                .toList();
        return new Page<>(items, actions.countMatching(tenantId, filter), page, perPage);
    }

    /**
     * Changes the draft (null fields stay as they are). Deployed versions, and therefore every flow,
     * are untouched until the draft is deployed. A {@code secrets} list replaces the whole set in
     * secrets-service: names left out are deleted, a name without a value keeps its value. The
     * action's row stays locked during that call, so concurrent edits apply one after the other.
     */
    public ActionView update(String tenantId, UUID id, ActionDraft draft) {
        rules.checkDraft(draft);
        return QuarkusTransaction.requiringNew().call(() -> {
            ActionEntity action = actions.requireLocked(tenantId, id);
            if (draft.name() != null && !draft.name().equals(action.name)) {
                ensureNameFree(tenantId, draft.name());
                action.name = draft.name();
            }
            if (draft.supportedTriggers() != null) {
                Set<String> bound = bindings.triggersOf(tenantId, id);
                Set<String> next =
                        draft.supportedTriggers().stream().map(t -> t.id()).collect(Collectors.toSet());
                if (!next.containsAll(bound)) {
                    throw new RegistryException.Conflict("the action is bound to " + bound
                            + "; remove those bindings before changing supported_triggers");
                }
                action.content = action.content.withSupportedTriggers(draft.supportedTriggers());
            }
            if (draft.code() != null) {
                action.content = action.content.withCode(draft.code());
            }
            if (draft.runtime() != null) {
                action.content = action.content.withRuntime(draft.runtime());
            }
            if (draft.dependencies() != null) {
                action.content = action.content.withDependencies(draft.dependencies());
            }
            if (draft.secrets() != null) {
                Set<String> stored =
                        action.content.secrets().stream().map(SecretRef::name).collect(Collectors.toSet());
                for (ActionDraft.SecretValue secret : draft.secrets()) {
                    if (secret.value() == null && !stored.contains(secret.name())) {
                        throw new RegistryException.Invalid("secret '" + secret.name() + "' is new and needs a value");
                    }
                }
                action.content =
                        action.content.withSecrets(secrets.replace(tenantId, id.toString(), items(draft.secrets())));
                // Values are per action, not per version: republishing the bound flows (same content,
                // new revision) makes every executor drop its cached values of this action at once.
                flows.publishBoundFlows(tenantId, id);
            }
            if (draft.debug() != null && draft.debug() != action.debug) {
                action.debug = draft.debug();
                actions.flush(); // the flows about to be published read the action's new switch
                flows.publishBoundFlows(tenantId, id);
            }
            action.updatedAt = Instant.now();
            actions.flush();
            LOG.infof("Updated the draft of action %s of tenant %s", id, tenantId);
            return views.of(action);
        });
    }

    /**
     * Runs the draft (not a deployed version) once in the executor against the given event, with the
     * draft's npm dependencies resolved and stored first (outside any transaction: it may download).
     * An installed integration runs as it does in a flow: with its install's configuration (whatever
     * the event says) and only the hosts of its capabilities; its secrets are the action's, as always.
     */
    public JsonNode test(String tenantId, UUID id, JsonNode payload) {
        record Draft(ExecutorClient.TestRunRequest request, List<Dependency> dependencies) {}
        Draft draft = QuarkusTransaction.requiringNew().call(() -> {
            ActionEntity action = actions.require(tenantId, id);
            return new Draft(
                    new ExecutorClient.TestRunRequest(
                            tenantId,
                            action.content.triggerId(),
                            action.id.toString(),
                            action.name,
                            action.content.code(),
                            payload,
                            null,
                            installed.configuration(tenantId, id),
                            installed.outboundHosts(tenantId, id)),
                    List.copyOf(action.content.dependencies()));
        });
        String bundle;
        try {
            bundle = dependencies.pin(draft.dependencies()).bundleHash();
        } catch (DependencyFailure failure) {
            if (failure.retryable()) {
                throw new RegistryException.DependencyUnavailable(failure.getMessage() + "; try again shortly");
            }
            throw new RegistryException.Invalid(failure.getMessage());
        }
        ExecutorClient.TestRunRequest request = draft.request();
        return executor.testRun(new ExecutorClient.TestRunRequest(
                request.tenantId(),
                request.triggerId(),
                request.actionId(),
                request.actionName(),
                request.code(),
                request.event(),
                bundle,
                request.configuration(),
                request.outboundHosts()));
    }

    /** Deletes an action; while it is bound that needs {@code force}, which detaches it from every flow. */
    public void delete(String tenantId, UUID actionId, boolean force) {
        QuarkusTransaction.requiringNew().run(() -> {
            ActionEntity action = actions.requireLocked(tenantId, actionId);
            Set<String> affected = bindings.triggersOf(tenantId, actionId);
            if (!affected.isEmpty() && !force) {
                throw new RegistryException.Conflict(
                        "the action is bound to " + affected + "; remove the bindings first or delete with force=true");
            }
            for (String triggerId : affected) {
                bindings.lockFlow(tenantId, triggerId);
            }
            bindings.findByAction(tenantId, actionId).forEach(bindings::delete);
            bindings.flush();
            for (String triggerId : affected) {
                bindings.renumberFlow(tenantId, triggerId);
                flows.publish(tenantId, triggerId);
            }
            actions.delete(action);
        });
        secrets.deleteOwner(tenantId, actionId.toString());
        LOG.infof("Deleted action %s of tenant %s", actionId, tenantId);
    }

    private static List<SecretsClient.ReplaceSecrets.Item> items(List<ActionDraft.SecretValue> given) {
        return given.stream()
                .map(s -> new SecretsClient.ReplaceSecrets.Item(s.name(), s.value()))
                .toList();
    }
}
