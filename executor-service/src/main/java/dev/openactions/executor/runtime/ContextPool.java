package dev.openactions.executor.runtime;

import dev.openactions.executor.config.ExecutorConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Idle, prepared contexts per action version (key: tenant, action, version, code), most recently
 * used first. A context only ever serves the one version it was prepared for, so module scope is
 * reused the way Auth0 reuses it and never shared across actions or tenants. Bounded twice: idle
 * contexts per version, and versions overall (least recently used versions are closed).
 *
 * <p>When a version already has {@code max-idle-per-version} contexts alive and all are busy, a
 * borrower waits up to {@code executor.pool.borrow-wait} for one to come back before it prepares
 * another. Preparing costs milliseconds (and, on a JVM still compiling, far more), while a busy
 * context of a quick action is free again within microseconds; a context prepared beyond the bound
 * is closed when it comes back, so without the wait every burst above the bound prepared contexts
 * only to close them (the p99 of the benchmark's fixed-rate phase, BENCHMARKS.md).
 */
@ApplicationScoped
public class ContextPool {
    private final Map<String, Version> versions = new LinkedHashMap<>(64, 0.75f, true);
    private final int maxPerVersion;
    private final int maxVersions;
    private final long borrowWaitNanos;
    private int idleCount;
    /** Contexts prepared for the pool: steady traffic prepares none; a count that keeps rising is churn. */
    private final Counter prepared;
    /** Borrows that waited for a busy context, by whether one came back in time. */
    private final Counter waitedAndGot;

    private final Counter waitedInVain;

    ContextPool(ExecutorConfig config, MeterRegistry metrics) {
        this.maxPerVersion = config.pool().maxIdlePerVersion();
        this.maxVersions = config.pool().maxVersions();
        this.borrowWaitNanos = config.pool().borrowWait().toNanos();
        metrics.gauge("executor.context_pool.idle", this, pool -> pool.idleCount());
        this.prepared = Counter.builder("executor.context_pool.prepared")
                .description("Contexts prepared for reuse (platform JavaScript evaluated, module loaded)")
                .register(metrics);
        this.waitedAndGot = Counter.builder("executor.context_pool.waits")
                .description("Executions that waited for a busy context of their version")
                .tag("outcome", "got_one")
                .register(metrics);
        this.waitedInVain = Counter.builder("executor.context_pool.waits")
                .description("Executions that waited for a busy context of their version")
                .tag("outcome", "prepared_one")
                .register(metrics);
    }

    /**
     * An idle context of the version, or null when the caller should prepare one (and {@link
     * #adopt} it). Waits for a busy context of the version to come back while the version has as
     * many contexts alive as it may keep, up to the configured wait.
     */
    synchronized PreparedContext borrow(String key) throws InterruptedException {
        Version version = versions.get(key);
        if (version == null) {
            return null;
        }
        long deadline = System.nanoTime() + borrowWaitNanos;
        boolean waited = false;
        while (true) {
            PreparedContext context = version.idle.pollFirst();
            if (context != null) {
                idleCount--;
                if (waited) {
                    waitedAndGot.increment();
                }
                return context;
            }
            long remaining = deadline - System.nanoTime();
            if (version.alive < maxPerVersion || remaining <= 0 || versions.get(key) != version) {
                if (waited) {
                    waitedInVain.increment();
                }
                return null;
            }
            waited = true;
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
    }

    /** Counts a context the caller prepared for {@code key} among the version's live contexts until it is closed. */
    void adopt(String key, PreparedContext context) {
        prepared.increment();
        Version version;
        synchronized (this) {
            version = versions.computeIfAbsent(key, k -> new Version());
            version.alive++;
        }
        context.onClose(() -> {
            synchronized (ContextPool.this) {
                version.alive--;
                notifyAll(); // a waiting borrower may prepare one now
            }
        });
    }

    void giveBack(String key, PreparedContext context) {
        List<PreparedContext> toClose = new ArrayList<>();
        synchronized (this) {
            Version version = versions.computeIfAbsent(key, k -> new Version());
            if (version.idle.size() >= maxPerVersion) {
                toClose.add(context);
            } else {
                version.idle.addFirst(context);
                idleCount++;
                notifyAll();
            }
            Iterator<Map.Entry<String, Version>> eldest = versions.entrySet().iterator();
            while (versions.size() > maxVersions && eldest.hasNext()) {
                Version evicted = eldest.next().getValue();
                idleCount -= evicted.idle.size();
                toClose.addAll(evicted.idle);
                evicted.idle.clear();
                eldest.remove();
            }
        }
        toClose.forEach(PreparedContext::close);
    }

    synchronized int idleCount() {
        return idleCount;
    }

    @PreDestroy
    void closeAll() {
        List<PreparedContext> toClose = new ArrayList<>();
        synchronized (this) {
            versions.values().forEach(version -> toClose.addAll(version.idle));
            versions.clear();
            idleCount = 0;
        }
        toClose.forEach(PreparedContext::close);
    }

    /** One version's idle contexts and how many of its contexts are alive (idle or executing). */
    private static final class Version {
        final ArrayDeque<PreparedContext> idle = new ArrayDeque<>();
        int alive;
    }
}
