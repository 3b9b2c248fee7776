package dev.openactions.registry.service;

import dev.openactions.contracts.FlowSnapshot.OnError;
import dev.openactions.contracts.TriggerId;
import dev.openactions.registry.domain.ActionEntity;
import dev.openactions.registry.domain.ActionVersionEntity;
import dev.openactions.registry.domain.RegistryException;
import dev.openactions.registry.domain.TriggerBindingEntity;
import dev.openactions.registry.domain.VersionStatus;
import dev.openactions.registry.repository.ActionRepository;
import dev.openactions.registry.repository.ActionVersionRepository;
import dev.openactions.registry.repository.TriggerBindingRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The ordered flow of a trigger: which deployed actions run, in which order. */
@ApplicationScoped
public class BindingService {
    private static final Logger LOG = Logger.getLogger(BindingService.class);

    /** One entry of a new flow, as the tenant referred to it. */
    public record BindingSpec(String refType, String refValue, String displayName, OnError onError, Long timeoutMs) {}

    private final TriggerBindingRepository bindings;
    private final ActionRepository actions;
    private final ActionVersionRepository versions;
    private final FlowPublisher flows;
    private final ActionRules rules;
    private final ActionViews views;

    BindingService(
            TriggerBindingRepository bindings,
            ActionRepository actions,
            ActionVersionRepository versions,
            FlowPublisher flows,
            ActionRules rules,
            ActionViews views) {
        this.bindings = bindings;
        this.actions = actions;
        this.versions = versions;
        this.flows = flows;
        this.rules = rules;
        this.views = views;
    }

    @Transactional
    public Page<BindingView> list(String tenantId, String triggerId, int page, int perPage) {
        requireTrigger(triggerId);
        List<TriggerBindingEntity> flow = bindings.findFlow(tenantId, triggerId);
        int from = Math.min(flow.size(), page * perPage);
        int to = Math.min(flow.size(), from + perPage);
        return new Page<>(flow.subList(from, to).stream().map(this::view).toList(), flow.size(), page, perPage);
    }

    /**
     * Replaces the trigger's whole flow. Bindings referred to by {@code binding_id} keep their id;
     * every other entry is a new binding. The new flow is published in the same transaction.
     */
    @Transactional
    public Page<BindingView> replace(String tenantId, String triggerId, List<BindingSpec> specs) {
        requireTrigger(triggerId);
        bindings.lockFlow(tenantId, triggerId);
        if (specs.size() > rules.maxBindingsPerTrigger()) {
            throw new RegistryException.LimitExceeded(
                    "at most " + rules.maxBindingsPerTrigger() + " actions may be bound to a trigger");
        }
        List<TriggerBindingEntity> current = bindings.findFlow(tenantId, triggerId);
        Map<UUID, TriggerBindingEntity> currentById = new HashMap<>();
        current.forEach(b -> currentById.put(b.id, b));

        Instant now = Instant.now();
        Set<UUID> kept = new HashSet<>();
        Set<UUID> boundActions = new HashSet<>();
        List<TriggerBindingEntity> next = new ArrayList<>();
        for (int position = 0; position < specs.size(); position++) {
            BindingSpec spec = specs.get(position);
            TriggerBindingEntity binding;
            ActionEntity action;
            if ("binding_id".equals(spec.refType())) {
                binding = currentById.get(parseUuid(spec.refValue(), "binding"));
                if (binding == null || !kept.add(binding.id)) {
                    throw new RegistryException.Invalid("binding '" + spec.refValue() + "' is not in the " + triggerId
                            + " flow (or is listed twice)");
                }
                action = actions.findForTenant(tenantId, binding.actionId).orElseThrow();
            } else {
                action = resolveAction(tenantId, spec);
                binding = new TriggerBindingEntity();
                binding.id = UUID.randomUUID();
                binding.tenantId = tenantId;
                binding.triggerId = triggerId;
                binding.actionId = action.id;
                binding.createdAt = now;
            }
            requireBindable(action, triggerId);
            if (!boundActions.add(action.id)) {
                throw new RegistryException.Invalid("action '" + action.name + "' is listed twice");
            }
            binding.position = position;
            binding.displayName = spec.displayName() != null
                    ? spec.displayName()
                    : binding.displayName != null ? binding.displayName : action.name;
            binding.onError = spec.onError() != null ? spec.onError() : binding.onError;
            binding.timeoutMs = spec.timeoutMs() != null ? spec.timeoutMs() : binding.timeoutMs;
            binding.updatedAt = now;
            next.add(binding);
        }
        current.stream().filter(b -> !kept.contains(b.id)).forEach(bindings::delete);
        bindings.flush();
        next.forEach(bindings::persist);
        bindings.flush();
        flows.publish(tenantId, triggerId);
        LOG.infof("Tenant %s flow %s now runs %d action(s)", tenantId, triggerId, next.size());
        return new Page<>(next.stream().map(this::view).toList(), next.size(), 0, Math.max(next.size(), 1));
    }

    /**
     * Beyond Auth0: inserts one binding at {@code position} (0-based; null appends), shifting the
     * bindings from there on one place down, and publishes the new flow.
     */
    @Transactional
    public BindingView insert(String tenantId, String triggerId, BindingSpec spec, Integer position) {
        requireTrigger(triggerId);
        if ("binding_id".equals(spec.refType())) {
            throw new RegistryException.Invalid("a new binding refers to its action by action_id or action_name");
        }
        bindings.lockFlow(tenantId, triggerId);
        List<TriggerBindingEntity> flow = new ArrayList<>(bindings.findFlow(tenantId, triggerId));
        if (flow.size() >= rules.maxBindingsPerTrigger()) {
            throw new RegistryException.LimitExceeded(
                    "at most " + rules.maxBindingsPerTrigger() + " actions may be bound to a trigger");
        }
        int at = position == null ? flow.size() : position;
        if (at > flow.size()) {
            throw new RegistryException.Invalid("position " + at + " is past the end of the " + triggerId + " flow ("
                    + flow.size() + " binding(s))");
        }
        ActionEntity action = resolveAction(tenantId, spec);
        requireBindable(action, triggerId);
        if (flow.stream().anyMatch(b -> b.actionId.equals(action.id))) {
            throw new RegistryException.Conflict("action '" + action.name + "' is already bound to " + triggerId);
        }
        Instant now = Instant.now();
        TriggerBindingEntity binding = new TriggerBindingEntity();
        binding.id = UUID.randomUUID();
        binding.tenantId = tenantId;
        binding.triggerId = triggerId;
        binding.actionId = action.id;
        binding.displayName = spec.displayName() != null ? spec.displayName() : action.name;
        binding.onError = spec.onError() != null ? spec.onError() : OnError.FAIL;
        binding.timeoutMs = spec.timeoutMs();
        binding.createdAt = now;
        binding.updatedAt = now;
        flow.add(at, binding);
        TriggerBindingRepository.renumber(flow);
        bindings.persist(binding);
        bindings.flush();
        flows.publish(tenantId, triggerId);
        LOG.infof("Tenant %s flow %s: bound action %s at position %d", tenantId, triggerId, action.id, at);
        return view(binding);
    }

    /** Beyond Auth0: removes one binding, closing the gap, and publishes the new flow. */
    @Transactional
    public void remove(String tenantId, String triggerId, UUID bindingId) {
        requireTrigger(triggerId);
        bindings.lockFlow(tenantId, triggerId);
        List<TriggerBindingEntity> flow = bindings.findFlow(tenantId, triggerId);
        TriggerBindingEntity removed = flow.stream()
                .filter(b -> b.id.equals(bindingId))
                .findFirst()
                .orElseThrow(() -> new RegistryException.NotFound("binding", bindingId.toString()));
        bindings.delete(removed);
        bindings.flush();
        TriggerBindingRepository.renumber(
                flow.stream().filter(b -> b != removed).toList());
        bindings.flush();
        flows.publish(tenantId, triggerId);
        LOG.infof("Tenant %s flow %s: removed binding %s", tenantId, triggerId, bindingId);
    }

    private ActionEntity resolveAction(String tenantId, BindingSpec spec) {
        return switch (spec.refType()) {
            case "action_id" ->
                actions.findForTenant(tenantId, parseUuid(spec.refValue(), "action"))
                        .orElseThrow(
                                () -> new RegistryException.Invalid("action '" + spec.refValue() + "' does not exist"));
            case "action_name" ->
                actions.findByName(tenantId, spec.refValue())
                        .orElseThrow(
                                () -> new RegistryException.Invalid("no action is named '" + spec.refValue() + "'"));
            default -> throw new RegistryException.Invalid("unknown ref type '" + spec.refType() + "'");
        };
    }

    private void requireBindable(ActionEntity action, String triggerId) {
        if (!action.supports(triggerId)) {
            throw new RegistryException.Invalid("action '" + action.name + "' does not support trigger " + triggerId);
        }
        ActionVersionEntity deployed =
                action.deployedVersionId == null ? null : versions.findById(action.deployedVersionId);
        if (deployed == null) {
            ActionVersionEntity latest = versions.findLatest(action.id).orElse(null);
            if (latest != null && latest.status != VersionStatus.FAILED) {
                throw new RegistryException.Conflict("action '" + action.name + "' version " + latest.number + " is "
                        + latest.status.wire() + "; bind it once it is built");
            }
            throw new RegistryException.Invalid(
                    "action '" + action.name + "' has no deployed version; deploy it first");
        }
        if (deployed.status != VersionStatus.BUILT) {
            throw new RegistryException.Invalid(
                    "action '" + action.name + "' version " + deployed.number + " is not built");
        }
    }

    private static UUID parseUuid(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new RegistryException.Invalid(what + " id '" + value + "' is not a valid id");
        }
    }

    private static void requireTrigger(String triggerId) {
        if (TriggerId.fromId(triggerId).isEmpty()) {
            throw new RegistryException.NotFound("trigger", triggerId);
        }
    }

    private BindingView view(TriggerBindingEntity binding) {
        ActionEntity action =
                actions.findForTenant(binding.tenantId, binding.actionId).orElseThrow();
        return new BindingView(
                binding.id.toString(),
                binding.triggerId,
                binding.displayName,
                views.of(action),
                binding.onError,
                binding.timeoutMs,
                binding.createdAt,
                binding.updatedAt);
    }
}
