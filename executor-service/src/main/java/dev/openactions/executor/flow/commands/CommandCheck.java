package dev.openactions.executor.flow.commands;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The host's check of every command one action execution issues, before it can become an effect:
 * the command must exist for the trigger, its arguments must follow the trigger's rule
 * ({@link TriggerCommands}), and the execution must stay within {@link CommandLimits}. Totals that
 * span a flow (custom claims per token) start from what the earlier actions already set.
 */
public final class CommandCheck {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** The strict mapper's tree reader, made once: it keeps its root deserializer instead of looking it up per command. */
    private static final ObjectReader TREE = STRICT.readerFor(JsonNode.class);

    /** What sizes are counted for. */
    public enum Bucket {
        ACCESS_TOKEN_CLAIMS("the access token's custom claims"),
        ID_TOKEN_CLAIMS("the ID token's custom claims"),
        USER_METADATA(null),
        APP_METADATA(null);

        private final String totalLimited;

        Bucket(String totalLimited) {
            this.totalLimited = totalLimited;
        }
    }

    /** What a rule may ask of the check. */
    public interface Context {
        CommandLimits limits();

        /** True in {@code onContinuePostLogin}. */
        boolean continuing();

        /** Records {@code bytes} for {@code key} in {@code bucket} (last write wins), refusing what would pass a total limit. */
        void account(Bucket bucket, String type, String key, int bytes);
    }

    /**
     * The custom claims earlier actions of the flow set, per token, by name: the per-token total
     * starts from them. A value of this package, so the check does not depend on the flow runner's types.
     */
    public record EarlierClaims(Map<String, JsonNode> accessToken, Map<String, JsonNode> idToken) {}

    /** A command the host accepted, with its arguments as the host keeps them. */
    public record Admitted(String type, JsonNode args, TriggerCommands.Flow flow) {}

    private final TriggerCommands descriptor;
    private final CommandLimits limits;
    private final boolean continuing;
    private final Map<Bucket, Map<String, Integer>> sizes = new EnumMap<>(Bucket.class);
    private final Map<Bucket, Long> totals = new EnumMap<>(Bucket.class);
    private int count;
    private long bytes;

    /** @param before the claims earlier actions set; null for a single action (a test run, a build) */
    public CommandCheck(TriggerCommands descriptor, CommandLimits limits, boolean continuing, EarlierClaims before) {
        this.descriptor = descriptor;
        this.limits = limits;
        this.continuing = continuing;
        for (Bucket bucket : Bucket.values()) {
            sizes.put(bucket, new HashMap<>());
            totals.put(bucket, 0L);
        }
        if (before != null) {
            before.accessToken()
                    .forEach((k, v) -> add(Bucket.ACCESS_TOKEN_CLAIMS, k, Rules.bytes(k) + Rules.bytes(v.toString())));
            before.idToken()
                    .forEach((k, v) -> add(Bucket.ID_TOKEN_CLAIMS, k, Rules.bytes(k) + Rules.bytes(v.toString())));
        }
    }

    public TriggerCommands descriptor() {
        return descriptor;
    }

    /**
     * Checks one command as it arrives from the sandbox (the type and its arguments serialized as JSON,
     * both plain strings) and returns what the host keeps.
     *
     * @throws CommandRefused with the message the action's api call throws
     */
    public Admitted admit(String type, String argsJson) {
        if (++count > limits.commands()) {
            throw CommandRefused.limit(
                    "more than " + limits.commands() + " api calls in one execution (executor.limits.commands)");
        }
        bytes += argsJson.length();
        if (bytes > limits.commandBytes()) {
            throw CommandRefused.limit("the api calls of one execution carry more than " + limits.commandBytes()
                    + " bytes (executor.limits.command-bytes)");
        }
        TriggerCommands.Spec spec = descriptor
                .spec(type)
                .orElseThrow(() -> CommandRefused.limit("'" + type + "' is not a command of this trigger"));
        JsonNode args;
        try {
            args = TREE.readValue(argsJson);
        } catch (IOException e) {
            throw CommandRefused.limit(type + ": malformed arguments");
        }
        if (args == null || !args.isObject()) {
            throw CommandRefused.limit(type + ": malformed arguments");
        }
        JsonNode kept = spec.rule().check(type, args, context);
        return new Admitted(type, kept, spec.flow());
    }

    private final Context context = new Context() {
        @Override
        public CommandLimits limits() {
            return limits;
        }

        @Override
        public boolean continuing() {
            return continuing;
        }

        @Override
        public void account(Bucket bucket, String type, String key, int size) {
            if (bucket.totalLimited != null) {
                long total = totals.get(bucket) - sizes.get(bucket).getOrDefault(key, 0) + size;
                if (total > limits.customClaimsBytes()) {
                    throw CommandRefused.limit(
                            type + ": " + bucket.totalLimited + " would take " + total + " bytes, more than the "
                                    + limits.customClaimsBytes() + " allowed (executor.limits.custom-claims-bytes)");
                }
            }
            add(bucket, key, size);
        }
    };

    private void add(Bucket bucket, String key, int size) {
        Integer old = sizes.get(bucket).put(key, size);
        totals.put(bucket, totals.get(bucket) - (old == null ? 0 : old) + size);
    }
}
