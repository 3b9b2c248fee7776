package dev.openactions.executor.runtime;

import dev.openactions.executor.config.ExecutorConfig;
import dev.openactions.executor.runtime.npm.DependencyBundles;
import dev.openactions.executor.runtime.npm.LoadedBundle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Moves the parse of a version's npm dependencies off its first execution: when a version with a
 * bundle is build-checked (the registry asks after a deploy) or a flow snapshot naming a bundle
 * arrives (every replica), its direct dependencies are loaded once in the background
 * ({@link ActionSandbox#preload}), so the engine's shared code cache holds them before a login needs
 * them. Once per bundle and process, one at a time (a preload is a few seconds of one core for a large
 * tree), a bounded queue; a bundle that could not be queued is tried again the next time it is named.
 */
@ApplicationScoped
public class BundlePreloads {
    private static final Logger LOG = Logger.getLogger(BundlePreloads.class);

    private final ActionSandbox sandbox;
    private final DependencyBundles bundles;
    private final ExecutorConfig config;
    private final Set<String> named = ConcurrentHashMap.newKeySet();
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor worker;
    private final Counter preloaded;
    private final Counter failed;

    BundlePreloads(ActionSandbox sandbox, DependencyBundles bundles, ExecutorConfig config, MeterRegistry metrics) {
        this.sandbox = sandbox;
        this.bundles = bundles;
        this.config = config;
        this.preloaded = metrics.counter("executor.npm.preloads", "outcome", "loaded");
        this.failed = metrics.counter("executor.npm.preloads", "outcome", "failed");
        this.worker = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
            Thread thread = new Thread(r, "npm-preload");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY); // executions come first
            return thread;
        });
        worker.allowCoreThreadTimeOut(true);
    }

    /** Preloads the bundle named by {@code hash} soon (fetching it from the registry first if needed). */
    public void preloadSoon(String hash) {
        if (hash == null || hash.isEmpty() || !named.add(hash)) {
            return;
        }
        submit(hash, () -> bundles.forHash(hash));
    }

    /** Preloads an already loaded bundle soon. */
    public void preloadSoon(LoadedBundle bundle) {
        if (bundle == null || !named.add(bundle.hash())) {
            return;
        }
        submit(bundle.hash(), () -> bundle);
    }

    private void submit(String hash, Supplier<LoadedBundle> bundle) {
        try {
            worker.execute(() -> {
                try {
                    LoadedBundle loaded = bundle.get();
                    if (loaded == null || loaded.direct().isEmpty()) {
                        return;
                    }
                    long started = System.nanoTime();
                    boolean ok = sandbox.preload(loaded, config.limits().actionTimeout());
                    (ok ? preloaded : failed).increment();
                    done.add(hash);
                    LOG.debugf(
                            "Bundle %s preloaded in %d ms (%d modules, %s)",
                            hash,
                            (System.nanoTime() - started) / 1_000_000,
                            loaded.modulesParsed(),
                            ok ? "all direct dependencies loaded" : "some did not load");
                } catch (RuntimeException e) {
                    failed.increment();
                    named.remove(hash); // e.g. the registry was unreachable: try again when it is next named
                    LOG.debugf("Bundle %s was not preloaded: %s", hash, e.getMessage());
                }
            });
        } catch (RejectedExecutionException busy) {
            named.remove(hash);
        }
    }

    /** Whether the bundle's preload has run (whatever its outcome). */
    public boolean preloaded(String hash) {
        return done.contains(hash);
    }

    void shutdown(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }
}
