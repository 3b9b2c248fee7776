package dev.openactions.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.FlowSnapshot;
import dev.openactions.contracts.Topics;
import dev.openactions.registry.domain.ActionEntity;
import dev.openactions.registry.domain.ActionVersionEntity;
import dev.openactions.registry.domain.OutboxEntity;
import dev.openactions.registry.domain.SecretRef;
import dev.openactions.registry.domain.TriggerBindingEntity;
import dev.openactions.registry.repository.ActionRepository;
import dev.openactions.registry.repository.ActionVersionRepository;
import dev.openactions.registry.repository.OutboxRepository;
import dev.openactions.registry.repository.TriggerBindingRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes the current flow of a trigger to the outbox, in the caller's transaction: whatever changed
 * what a trigger runs (bindings, a deploy, a delete) and its snapshot commit or roll back together.
 */
@ApplicationScoped
public class FlowPublisher {
    private final TriggerBindingRepository bindings;
    private final ActionRepository actions;
    private final ActionVersionRepository versions;
    private final OutboxRepository outbox;
    private final ObjectMapper json;
    private final Event<OutboxWritten> written;
    private final InstalledIntegrations installed;

    FlowPublisher(
            TriggerBindingRepository bindings,
            ActionRepository actions,
            ActionVersionRepository versions,
            OutboxRepository outbox,
            ObjectMapper json,
            Event<OutboxWritten> written,
            InstalledIntegrations installed) {
        this.installed = installed;
        this.bindings = bindings;
        this.actions = actions;
        this.versions = versions;
        this.outbox = outbox;
        this.json = json;
        this.written = written;
    }

    /**
     * Republishes every flow the action is bound in: its deployed version, its debug switch or its
     * secret values changed. A republished flow has the same content and a new revision, which also
     * makes every executor drop its cached secret values of the action. Caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishBoundFlows(String tenantId, UUID actionId) {
        for (String triggerId : bindings.triggersOf(tenantId, actionId)) {
            publish(tenantId, triggerId);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public FlowSnapshot publish(String tenantId, String triggerId) {
        List<TriggerBindingEntity> flow = bindings.findFlow(tenantId, triggerId);
        Map<UUID, ActionEntity> actionsById = flow.stream()
                .map(b -> b.actionId)
                .distinct()
                .map(id -> actions.findForTenant(tenantId, id).orElseThrow())
                .collect(Collectors.toMap(a -> a.id, Function.identity()));
        Map<UUID, ActionVersionEntity> deployed = versions
                .findAllByIds(actionsById.values().stream()
                        .map(a -> a.deployedVersionId)
                        .filter(Objects::nonNull)
                        .toList())
                .stream()
                .collect(Collectors.toMap(v -> v.id, Function.identity()));

        List<FlowSnapshot.BoundAction> bound = new ArrayList<>();
        for (TriggerBindingEntity binding : flow) {
            ActionEntity action = actionsById.get(binding.actionId);
            ActionVersionEntity version = deployed.get(action.deployedVersionId);
            if (version == null) {
                continue; // cannot happen for bindings validated on write; never publish an undeployed draft
            }
            // Everything comes from the deployed version (secret names included): editing the draft
            // changes nothing that runs until it is deployed. The one exception is the action's debug
            // switch, which operators flip while investigating a live flow.
            bound.add(new FlowSnapshot.BoundAction(
                    binding.id.toString(),
                    binding.displayName,
                    action.id.toString(),
                    action.name,
                    version.id.toString(),
                    version.number,
                    version.content.code(),
                    version.content.runtime(),
                    version.content.secrets().stream().map(SecretRef::name).toList(),
                    binding.onError,
                    binding.timeoutMs,
                    action.debug,
                    version.dependencyBundle,
                    installed.configuration(tenantId, action.id),
                    installed.outboundHosts(tenantId, action.id)));
        }
        FlowSnapshot snapshot = new FlowSnapshot(tenantId, triggerId, outbox.nextFlowRevision(), Instant.now(), bound);

        OutboxEntity row = new OutboxEntity();
        row.tenantId = tenantId;
        row.topic = Topics.ACTIONS_FLOWS;
        row.recordKey = Topics.key(tenantId, triggerId);
        row.payload = toJson(snapshot);
        row.createdAt = Instant.now();
        outbox.persist(row);
        written.fire(new OutboxWritten());
        return snapshot;
    }

    private String toJson(FlowSnapshot snapshot) {
        try {
            return json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise flow snapshot", e);
        }
    }
}
