package dev.openactions.executor.flow.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The argument rules of the commands in {@link TriggerCommands}. Each returns the arguments as the
 * host keeps them (known fields only, normalized), so nothing the action added rides along.
 */
final class Rules {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final Set<String> DENY_CODES = Set.of("invalid_scope", "invalid_request", "server_error");
    static final List<String> DENY_CODE_ORDER = List.of("invalid_scope", "invalid_request", "server_error");
    static final List<String> FACTOR_TYPES = List.of(
            "otp", "recovery-code", "email", "push-notification", "phone", "webauthn-platform", "webauthn-roaming");
    private static final int MAX_SCOPE_CHARS = 256;
    private static final int MAX_NAME_CHARS = 1024;

    private Rules() {}

    /** One field of an arguments object: reads it from {@code args}, checks it, writes it to {@code out}. */
    interface Field {
        void copy(String type, JsonNode args, ObjectNode out);
    }

    static TriggerCommands.Rule fields(Field... fields) {
        return (type, args, context) -> {
            ObjectNode out = NODES.objectNode();
            for (Field field : fields) {
                field.copy(type, args, out);
            }
            return out;
        };
    }

    static Field string(String name) {
        return (type, args, out) -> out.put(name, text(type, args, name, name + " must be a string"));
    }

    static Field optionalString(String name) {
        return (type, args, out) -> {
            JsonNode value = args.path(name);
            out.put(
                    name,
                    value.isMissingNode() || value.isNull()
                            ? null
                            : text(type, args, name, name + " must be a string"));
        };
    }

    static Field shortString(String name) {
        return (type, args, out) -> {
            JsonNode value = args.path(name);
            if (!value.isTextual() || value.asText().length() > 100) {
                throw CommandRefused.argument(type + ": " + name + " must be a string of at most 100 characters");
            }
            out.put(name, value.asText());
        };
    }

    static Field oneOf(String name, Set<String> allowed) {
        return (type, args, out) -> {
            JsonNode value = args.path(name);
            if (!value.isTextual() || !allowed.contains(value.asText())) {
                throw CommandRefused.argument(
                        type + ": " + name + " must be one of " + String.join(", ", DENY_CODE_ORDER));
            }
            out.put(name, value.asText());
        };
    }

    static TriggerCommands.Rule customClaim(CommandCheck.Bucket bucket) {
        return (type, args, context) -> {
            String name = nonEmpty(type, args, "name", "name must be a non-empty string");
            if (TriggerCommands.RESERVED_CLAIMS.contains(name)) {
                throw CommandRefused.argument(type + ": '" + name + "' is a reserved claim and cannot be set");
            }
            if (reservedNamespace(name)) {
                throw CommandRefused.argument(type + ": '" + name + "' uses a namespace reserved by the platform ("
                        + String.join(", ", TriggerCommands.RESERVED_NAMESPACES) + ")");
            }
            JsonNode value = valueOf(args);
            context.account(bucket, type, name, bytes(name) + bytes(value.toString()));
            return NODES.objectNode().put("name", name).set("value", value);
        };
    }

    static TriggerCommands.Rule scope() {
        return (type, args, context) -> {
            String scope = nonEmpty(type, args, "scope", "scope must be a non-empty string");
            if (scope.length() > MAX_SCOPE_CHARS || !scope.chars().allMatch(Rules::scopeChar)) {
                throw CommandRefused.argument(type + ": '" + abbreviate(scope) + "' is not a scope (at most "
                        + MAX_SCOPE_CHARS + " printable ASCII characters, no spaces, quotes or backslashes)");
            }
            return NODES.objectNode().put("scope", scope);
        };
    }

    static TriggerCommands.Rule metadata(CommandCheck.Bucket bucket) {
        return (type, args, context) -> {
            String key = nonEmpty(type, args, "key", "key must be a non-empty string");
            if (key.indexOf('.') >= 0 || key.indexOf('$') >= 0) {
                throw CommandRefused.argument(type + ": key '" + abbreviate(key) + "' must not contain '.' or '$'");
            }
            JsonNode value = valueOf(args);
            int size = bytes(value.toString());
            if (size > context.limits().metadataValueBytes()) {
                throw CommandRefused.limit(type + ": the value of '" + abbreviate(key) + "' is " + size
                        + " bytes, more than the " + context.limits().metadataValueBytes()
                        + " allowed (executor.limits.metadata-value-bytes)");
            }
            context.account(bucket, type, key, size);
            return NODES.objectNode().put("key", key).set("value", value);
        };
    }

    static TriggerCommands.Rule multifactor() {
        return (type, args, context) -> {
            String provider = nonEmpty(type, args, "provider", "provider must be a non-empty string");
            JsonNode options = args.path("options");
            if (!options.isMissingNode() && !options.isNull() && !options.isObject()) {
                throw CommandRefused.argument(type + ": options must be an object");
            }
            return NODES.objectNode()
                    .put("provider", provider)
                    .set("options", options.isObject() ? options : NODES.objectNode());
        };
    }

    static TriggerCommands.Rule transactionMetadata() {
        return (type, args, context) -> {
            String key = text(type, args, "key", "key must be a string");
            JsonNode value = args.path("value");
            if (!value.isTextual() && !value.isNumber() && !value.isBoolean()) {
                throw CommandRefused.argument(type + ": value must be a string, number or boolean");
            }
            return NODES.objectNode().put("key", key).set("value", value);
        };
    }

    static TriggerCommands.Rule samlAttribute() {
        return (type, args, context) -> {
            String name = nonEmpty(type, args, "name", "name must be a non-empty string");
            return NODES.objectNode().put("name", name).set("value", valueOf(args));
        };
    }

    static TriggerCommands.Rule redirect() {
        return (type, args, context) -> {
            String url = text(type, args, "url", "url must be an absolute URL");
            URI target;
            try {
                target = new URI(url.trim());
            } catch (URISyntaxException e) {
                throw CommandRefused.argument(type + ": url must be an absolute URL");
            }
            if (!target.isAbsolute()) {
                throw CommandRefused.argument(type + ": url must be an absolute URL");
            }
            String scheme = target.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw CommandRefused.argument(type + ": url must be http(s)");
            }
            if (target.getHost() == null || target.getHost().isEmpty()) {
                throw CommandRefused.argument(type + ": url must be an absolute URL");
            }
            JsonNode query = args.path("query");
            if (!query.isMissingNode() && !query.isNull() && !query.isObject()) {
                throw CommandRefused.argument(type + ": options.query must be an object");
            }
            return NODES.objectNode()
                    .put("url", target.toString())
                    .set("query", query.isObject() ? query : NODES.objectNode());
        };
    }

    static TriggerCommands.Rule factorWithAdditional() {
        return (type, args, context) -> {
            ObjectNode out = NODES.objectNode();
            out.set("factor", factor(type, args.path("factor")));
            JsonNode additional = args.path("additional_factors");
            out.set(
                    "additional_factors",
                    additional.isMissingNode() || additional.isNull() || (additional.isArray() && additional.isEmpty())
                            ? NODES.arrayNode()
                            : factorList(type, additional));
            return out;
        };
    }

    static TriggerCommands.Rule factors() {
        return (type, args, context) -> NODES.objectNode().set("factors", factorList(type, args.path("factors")));
    }

    static TriggerCommands.Rule primaryUser() {
        return (type, args, context) -> NODES.objectNode()
                .put("user_id", nonEmpty(type, args, "user_id", "user id must be a non-empty string"));
    }

    static TriggerCommands.Rule recordMethod() {
        return (type, args, context) -> {
            if (!context.continuing()) {
                throw CommandRefused.argument("authentication.recordMethod is only available in onContinuePostLogin");
            }
            return NODES.objectNode().put("provider_url", text(type, args, "provider_url", "url must be a string"));
        };
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static ArrayNode factorList(String type, JsonNode factors) {
        if (!factors.isArray() || factors.isEmpty()) {
            throw CommandRefused.argument(type + ": factors must be a non-empty array");
        }
        ArrayNode out = NODES.arrayNode();
        factors.forEach(f -> out.add(factor(type, f)));
        return out;
    }

    private static ObjectNode factor(String type, JsonNode factor) {
        if (!factor.isObject()
                || !factor.path("type").isTextual()
                || !FACTOR_TYPES.contains(factor.path("type").asText())) {
            throw CommandRefused.argument(type + ": a factor needs a type, one of " + String.join(", ", FACTOR_TYPES));
        }
        ObjectNode out = NODES.objectNode().put("type", factor.path("type").asText());
        JsonNode options = factor.path("options");
        if (!options.isMissingNode()) {
            out.set("options", options);
        }
        return out;
    }

    private static JsonNode valueOf(JsonNode args) {
        JsonNode value = args.path("value");
        return value.isMissingNode() ? NullNode.getInstance() : value;
    }

    private static String text(String type, JsonNode args, String field, String message) {
        JsonNode value = args.path(field);
        if (!value.isTextual()) {
            throw CommandRefused.argument(type + ": " + message);
        }
        return value.asText();
    }

    private static String nonEmpty(String type, JsonNode args, String field, String message) {
        String value = text(type, args, field, message);
        if (value.isEmpty() || value.length() > MAX_NAME_CHARS) {
            throw CommandRefused.argument(
                    type + ": " + message + (value.isEmpty() ? "" : " of at most " + MAX_NAME_CHARS + " characters"));
        }
        return value;
    }

    private static boolean scopeChar(int c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E); // RFC 6749 scope-token
    }

    private static boolean reservedNamespace(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int scheme = lower.indexOf("://");
        if (scheme < 0) {
            return false;
        }
        String rest = lower.substring(scheme + 3);
        int end = rest.indexOf('/');
        String host = end < 0 ? rest : rest.substring(0, end);
        for (String reserved : TriggerCommands.RESERVED_NAMESPACES) {
            if (host.equals(reserved) || host.endsWith("." + reserved)) {
                return true;
            }
        }
        return false;
    }

    static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
