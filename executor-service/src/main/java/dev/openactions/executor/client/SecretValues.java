package dev.openactions.executor.client;

import dev.openactions.executor.config.ExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Decrypted secrets of an action version, fetched from secrets-service and kept briefly so that a
 * busy login flow does not decrypt on every execution. Entries are per deployed version (a deploy
 * means new entries) and expire after {@code executor.secrets.cache-ttl}, which bounds how long a
 * changed value takes to arrive. Fails closed: when the values cannot be had, the action does not run.
 */
@ApplicationScoped
public class SecretValues {
    private static final Logger LOG = Logger.getLogger(SecretValues.class);
    private static final int MAX_ENTRIES = 10_000;

    private record Cached(Map<String, String> values, long expiresAtNanos) {
        @Override
        public String toString() {
            return "Cached[names=" + values.keySet() + "]";
        }
    }

    private final SecretsClient client;
    private final long ttlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    SecretValues(@RestClient SecretsClient client, ExecutorConfig config) {
        this.client = client;
        this.ttlNanos = config.secrets().cacheTtl().toNanos();
    }

    /** Values from {@code client} outside Quarkus (the partner test kit answers with a test case's secrets). */
    public static SecretValues from(SecretsClient client, ExecutorConfig config) {
        return new SecretValues(client, config);
    }

    /**
     * @param versionId the deployed version (null for drafts: never cached)
     * @param expectedNames the names the version declares; none means no call at all
     */
    public Map<String, String> forAction(
            String tenantId, String actionId, String versionId, List<String> expectedNames) {
        if (expectedNames.isEmpty()) {
            return Map.of();
        }
        String key = tenantId + "/" + actionId + "@" + versionId;
        long now = System.nanoTime();
        Cached cached = versionId == null ? null : cache.get(key);
        if (cached != null && cached.expiresAtNanos() - now > 0) {
            return cached.values();
        }
        try {
            Map<String, String> values = client.decrypt(tenantId, actionId).secrets();
            Map<String, String> result = values == null ? Map.of() : Map.copyOf(values);
            if (versionId != null && ttlNanos > 0) {
                if (cache.size() >= MAX_ENTRIES) {
                    cache.entrySet().removeIf(e -> e.getValue().expiresAtNanos() - now <= 0);
                    if (cache.size() >= MAX_ENTRIES) {
                        cache.clear();
                    }
                }
                cache.put(key, new Cached(result, now + ttlNanos));
            }
            return result;
        } catch (WebApplicationException | ProcessingException e) {
            LOG.warnf("Secrets of action %s (tenant %s) unavailable: %s", actionId, tenantId, e.getMessage());
            throw new SecretsUnavailable();
        }
    }

    /** Drops every cached value of an action, e.g. when a new version of it is deployed. */
    public void forget(String tenantId, String actionId) {
        String prefix = tenantId + "/" + actionId + "@";
        cache.keySet().removeIf(k -> k.startsWith(prefix));
    }

    /** The secrets backend could not supply values; the flow fails closed. */
    public static final class SecretsUnavailable extends RuntimeException {
        public SecretsUnavailable() {
            super("the action's secrets are unavailable");
        }
    }
}
