package dev.openactions.executor.flow;

import dev.openactions.contracts.FlowSnapshot;
import dev.openactions.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The executor's in-memory view of every tenant's flows: the newest snapshot per (tenant, trigger),
 * fed from the compacted topic. Logins keep working while the registry is down.
 */
@ApplicationScoped
public class FlowView {
    private final ConcurrentMap<String, FlowSnapshot> flows = new ConcurrentHashMap<>();

    /** Keeps the snapshot unless a newer revision is already held (replays and duplicates are harmless). */
    public void apply(FlowSnapshot snapshot) {
        flows.merge(Topics.key(snapshot.tenantId(), snapshot.triggerId()), snapshot,
                (held, incoming) -> incoming.revision() >= held.revision() ? incoming : held);
    }

    /** A tombstone: the key's flow no longer exists. */
    public void remove(String key) {
        flows.remove(key);
    }

    public Optional<FlowSnapshot> find(String tenantId, String triggerId) {
        return Optional.ofNullable(flows.get(Topics.key(tenantId, triggerId)));
    }

    public int size() {
        return flows.size();
    }
}
