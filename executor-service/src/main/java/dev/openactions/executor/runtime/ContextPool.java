package dev.openactions.executor.runtime;

import dev.openactions.executor.config.ExecutorConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Idle, prepared contexts per action version (key: tenant, action, version, code), most recently
 * used first. A context only ever serves the one version it was prepared for, so module scope is
 * reused the way Auth0 reuses it and never shared across actions or tenants. Bounded twice: idle
 * contexts per version, and versions overall (least recently used versions are closed).
 */
@ApplicationScoped
public class ContextPool {
    private final Map<String, Deque<PreparedContext>> idle = new LinkedHashMap<>(64, 0.75f, true);
    private final int maxPerVersion;
    private final int maxVersions;
    private int idleCount;

    ContextPool(ExecutorConfig config, MeterRegistry metrics) {
        this.maxPerVersion = config.pool().maxIdlePerVersion();
        this.maxVersions = config.pool().maxVersions();
        metrics.gauge("executor.context_pool.idle", this, pool -> pool.idleCount());
    }

    synchronized PreparedContext borrow(String key) {
        Deque<PreparedContext> contexts = idle.get(key);
        PreparedContext context = contexts == null ? null : contexts.pollFirst();
        if (context != null) {
            idleCount--;
        }
        return context;
    }

    void giveBack(String key, PreparedContext context) {
        List<PreparedContext> toClose = new ArrayList<>();
        synchronized (this) {
            Deque<PreparedContext> contexts = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
            if (contexts.size() >= maxPerVersion) {
                toClose.add(context);
            } else {
                contexts.addFirst(context);
                idleCount++;
            }
            Iterator<Map.Entry<String, Deque<PreparedContext>>> eldest =
                    idle.entrySet().iterator();
            while (idle.size() > maxVersions && eldest.hasNext()) {
                Deque<PreparedContext> evicted = eldest.next().getValue();
                idleCount -= evicted.size();
                toClose.addAll(evicted);
                eldest.remove();
            }
        }
        toClose.forEach(PreparedContext::close);
    }

    synchronized int idleCount() {
        return idleCount;
    }

    @PreDestroy
    synchronized void closeAll() {
        idle.values().forEach(contexts -> contexts.forEach(PreparedContext::close));
        idle.clear();
        idleCount = 0;
    }
}
