package dev.openactions.executor.runtime.npm;

import dev.openactions.contracts.DependencyBundle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Dependency bundles by content hash: fetched from the registry on first use, checked against their
 * hash (a bundle whose files do not hash to the name it was asked for is refused, whoever served it),
 * and kept in memory up to {@code executor.npm.bundle-cache-bytes}, least recently used dropped first.
 */
@ApplicationScoped
public class DependencyBundles {
    private static final Logger LOG = Logger.getLogger(DependencyBundles.class);
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final DependencyBundleClient client;
    private final long maxBytes;
    private final LinkedHashMap<String, LoadedBundle> cache = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedBytes;

    @Inject
    DependencyBundles(@RestClient DependencyBundleClient client, NpmConfig config) {
        this(client, config.bundleCacheBytes());
    }

    private DependencyBundles(DependencyBundleClient client, long maxBytes) {
        this.client = client;
        this.maxBytes = maxBytes;
    }

    /**
     * For runs outside the service (the partner test kit, which resolves an integration's dependencies
     * itself): bundles come from {@code source} instead of the registry, and are checked against their
     * hash, cached and loaded exactly as here.
     */
    public static DependencyBundles standalone(DependencyBundleClient source, NpmConfig config) {
        return new DependencyBundles(source, config.bundleCacheBytes());
    }

    /** For runs outside the service of code without dependencies: a bundle hash is answered as unavailable. */
    public static DependencyBundles none() {
        return new DependencyBundles(
                hash -> {
                    throw new ProcessingException("no registry to fetch dependency bundles from");
                },
                0);
    }

    /** The bundle named by {@code hash}; null when there is none to load (no dependencies). */
    public LoadedBundle forHash(String hash) {
        if (hash == null || hash.isEmpty()) {
            return null;
        }
        if (!HASH.matcher(hash).matches()) {
            throw new Unavailable("the dependency bundle name is not a content hash");
        }
        synchronized (cache) {
            LoadedBundle cached = cache.get(hash);
            if (cached != null) {
                return cached;
            }
        }
        // Fetched outside the lock: two first uses of one bundle may both fetch it; both results are equal.
        DependencyBundle bundle;
        try {
            bundle = client.get(hash);
        } catch (WebApplicationException e) {
            LOG.warnf(
                    "Dependency bundle %s: the registry answered %d",
                    hash, e.getResponse().getStatus());
            throw new Unavailable("the action's npm dependencies could not be loaded (registry answered "
                    + e.getResponse().getStatus() + ")");
        } catch (ProcessingException e) {
            LOG.warnf("Dependency bundle %s: the registry is unreachable: %s", hash, e.getMessage());
            throw new Unavailable("the action's npm dependencies could not be loaded (registry unreachable)");
        }
        if (bundle == null || !hash.equals(bundle.hash()) || !bundle.isIntact()) {
            LOG.errorf("Dependency bundle %s: the files served do not hash to that name; refused", hash);
            throw new Unavailable("the action's npm dependencies failed their integrity check");
        }
        LoadedBundle loaded = new LoadedBundle(bundle);
        synchronized (cache) {
            LoadedBundle raced = cache.get(hash);
            if (raced != null) {
                return raced;
            }
            cache.put(hash, loaded);
            cachedBytes += loaded.bytes();
            for (Iterator<Map.Entry<String, LoadedBundle>> it = cache.entrySet().iterator();
                    cachedBytes > maxBytes && it.hasNext(); ) {
                Map.Entry<String, LoadedBundle> eldest = it.next();
                if (eldest.getValue() != loaded) {
                    cachedBytes -= eldest.getValue().bytes();
                    it.remove();
                }
            }
        }
        return loaded;
    }

    /** The bundle cannot be had: the action does not run (its message goes to the execution record). */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }
}
