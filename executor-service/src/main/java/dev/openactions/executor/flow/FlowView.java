package dev.openactions.executor.flow;

import dev.openactions.contracts.FlowSnapshot;
import dev.openactions.contracts.Topics;
import dev.openactions.executor.client.SecretValues;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The executor's in-memory view of every tenant's flows: the newest snapshot per (tenant, trigger),
 * fed from the compacted topic. Logins keep working while the registry is down.
 */
@ApplicationScoped
public class FlowView {
    private final ConcurrentMap<String, FlowSnapshot> flows = new ConcurrentHashMap<>();
    /** Every tenant a snapshot was seen for (kept after tombstones: the tenant still exists). */
    private final Set<String> tenants = ConcurrentHashMap.newKeySet();

    private final SecretValues secrets;
    /** The startup warm-up's flow while it runs ({@link WarmupFlow}): found by find, not among the tenants. */
    private volatile FlowSnapshot warmup;

    FlowView(SecretValues secrets) {
        this.secrets = secrets;
    }

    /**
     * Keeps the snapshot unless a newer revision is already held (replays and duplicates are
     * harmless). Cached secret values of actions whose version changed are dropped.
     */
    public void apply(FlowSnapshot snapshot) {
        tenants.add(snapshot.tenantId());
        FlowSnapshot held = flows.merge(
                Topics.key(snapshot.tenantId(), snapshot.triggerId()),
                snapshot,
                (current, incoming) -> incoming.revision() >= current.revision() ? incoming : current);
        if (held == snapshot) {
            snapshot.actions().forEach(a -> secrets.forget(snapshot.tenantId(), a.actionId()));
        }
    }

    /** A tombstone: the key's flow no longer exists. */
    public void remove(String key) {
        flows.remove(key);
    }

    public Optional<FlowSnapshot> find(String tenantId, String triggerId) {
        FlowSnapshot warming = warmup;
        if (warming != null
                && warming.tenantId().equals(tenantId)
                && warming.triggerId().equals(triggerId)) {
            return Optional.of(warming);
        }
        return Optional.ofNullable(flows.get(Topics.key(tenantId, triggerId)));
    }

    /** Serves the warm-up's flow until {@link #endWarmup()}; it never counts as a known tenant or a flow. */
    public void startWarmup(FlowSnapshot snapshot) {
        warmup = snapshot;
    }

    public void endWarmup() {
        warmup = null;
    }

    /** Whether any flow of the tenant was ever seen (identity events of unknown tenants are refused). */
    public boolean knowsTenant(String tenantId) {
        return tenants.contains(tenantId);
    }

    public int size() {
        return flows.size();
    }
}
