package dev.openactions.executor.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.executor.config.ExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code api.cache}: a small best-effort store per tenant and trigger, in this replica's memory, with
 * Auth0's limits and result shapes (20 entries, keys ≤ 64 bytes, string values ≤ 4 KB, ≤ 8 KB in all,
 * TTL 15 minutes by default and 24 hours at most; entries and total size from
 * {@code executor.limits.cache-entries}/{@code cache-bytes}). Results travel to the sandbox as JSON.
 */
@ApplicationScoped
public class ApiCache {
    static final int MAX_ENTRIES = 20;
    static final int MAX_KEY_BYTES = 64;
    static final int MAX_VALUE_BYTES = 4096;
    static final int MAX_TOTAL_BYTES = 8192;
    static final long DEFAULT_TTL_MS = 15 * 60 * 1000L;
    static final long MAX_TTL_MS = 24 * 60 * 60 * 1000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(String value, long expiresAt) {}

    private final Map<String, Map<String, Entry>> scopes = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxEntries;
    private final int maxTotalBytes;

    ApiCache() {
        this(Clock.systemUTC(), MAX_ENTRIES, MAX_TOTAL_BYTES);
    }

    @Inject
    ApiCache(ExecutorConfig config) {
        this(Clock.systemUTC(), config.limits().cacheEntries(), config.limits().cacheBytes());
    }

    ApiCache(Clock clock) {
        this(clock, MAX_ENTRIES, MAX_TOTAL_BYTES);
    }

    ApiCache(Clock clock, int maxEntries, int maxTotalBytes) {
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.maxTotalBytes = maxTotalBytes;
    }

    /** The view one execution gets: bound to its tenant and trigger. */
    public Scoped scope(String tenantId, String triggerId) {
        return new Scoped(scopes.computeIfAbsent(tenantId + "/" + triggerId, k -> new LinkedHashMap<>()));
    }

    public final class Scoped {
        private final Map<String, Entry> entries;

        private Scoped(Map<String, Entry> entries) {
            this.entries = entries;
        }

        public String get(String key) {
            synchronized (entries) {
                Entry entry = live(key);
                return entry == null ? "null" : record(entry).toString();
            }
        }

        public String set(String key, String value, String optionsJson) {
            if (bytes(key) > MAX_KEY_BYTES) {
                return error("CacheKeySizeExceeded");
            }
            if (bytes(value) > MAX_VALUE_BYTES) {
                return error("CacheValueSizeExceeded");
            }
            long now = clock.millis();
            long expiresAt;
            try {
                expiresAt = expiry(JSON.readTree(optionsJson), now);
            } catch (IOException | IllegalArgumentException e) {
                return error("InvalidExpiry");
            }
            if (expiresAt <= now) {
                return error("ItemAlreadyExpired");
            }
            synchronized (entries) {
                entries.values().removeIf(e -> e.expiresAt() <= now);
                Entry previous = entries.get(key);
                int total = entries.entrySet().stream()
                        .filter(e -> !e.getKey().equals(key))
                        .mapToInt(e -> bytes(e.getKey()) + bytes(e.getValue().value()))
                        .sum();
                if ((previous == null && entries.size() >= maxEntries)
                        || total + bytes(key) + bytes(value) > maxTotalBytes) {
                    return error("CacheSizeExceeded");
                }
                Entry entry = new Entry(value, expiresAt);
                entries.put(key, entry);
                ObjectNode result = JSON.createObjectNode().put("type", "success");
                result.set("record", record(entry));
                return result.toString();
            }
        }

        public String delete(String key) {
            synchronized (entries) {
                entries.remove(key);
            }
            return "{\"type\":\"success\"}";
        }

        private Entry live(String key) {
            Entry entry = entries.get(key);
            if (entry != null && entry.expiresAt() <= clock.millis()) {
                entries.remove(key);
                return null;
            }
            return entry;
        }
    }

    /** {@code {ttl}} in ms and/or {@code {expires_at}} in epoch ms; the earlier wins; capped at 24 h. */
    private static long expiry(JsonNode options, long now) {
        long expiresAt = now + DEFAULT_TTL_MS;
        boolean given = false;
        long candidate = Long.MAX_VALUE;
        if (options.has("ttl")) {
            JsonNode ttl = options.get("ttl");
            if (!ttl.isNumber() || ttl.asLong() <= 0) {
                throw new IllegalArgumentException("ttl");
            }
            candidate = Math.min(candidate, now + ttl.asLong());
            given = true;
        }
        if (options.has("expires_at")) {
            JsonNode at = options.get("expires_at");
            if (!at.isNumber()) {
                throw new IllegalArgumentException("expires_at");
            }
            candidate = Math.min(candidate, at.asLong());
            given = true;
        }
        if (given) {
            expiresAt = candidate;
        }
        if (expiresAt - now > MAX_TTL_MS) {
            throw new IllegalArgumentException("beyond 24 hours");
        }
        return expiresAt;
    }

    private static ObjectNode record(Entry entry) {
        return JSON.createObjectNode().put("value", entry.value()).put("expires_at", entry.expiresAt());
    }

    private static String error(String code) {
        return JSON.createObjectNode().put("type", "error").put("code", code).toString();
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
