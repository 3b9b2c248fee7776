package dev.openactions.executor.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The merged effect of a flow's commands, for the auth server to apply: claims per name and
 * metadata per key with the last write winning ({@code null} deletes), scopes as a per-scope
 * add/remove decision, the first stop (deny, validation error, redirect) recorded as such. The wire
 * shape is {@code api/EffectsResponse}.
 */
public final class FlowEffects {
    public final Access access = new Access();
    public final TokenEffects accessToken = new TokenEffects();
    public final Claims idToken = new Claims();
    public final UserEffects user = new UserEffects();
    public final Metadata transaction = new Metadata();
    public ObjectNode redirect;
    public ObjectNode multifactor;
    public ObjectNode validation;
    public ObjectNode session;
    public ObjectNode authentication;
    public Map<String, JsonNode> samlAttributes;

    public static final class Access {
        public boolean denied;
        public String reason;
        public String code;
        public String userMessage;
    }

    public static final class Claims {
        public final Map<String, JsonNode> claims = new LinkedHashMap<>();
    }

    public static final class TokenEffects {
        public final Map<String, JsonNode> claims = new LinkedHashMap<>();
        public final Scopes scopes = new Scopes();
    }

    public static final class Scopes {
        public final List<String> add = new ArrayList<>();
        public final List<String> remove = new ArrayList<>();
    }

    public static final class UserEffects {
        public final Map<String, JsonNode> userMetadata = new LinkedHashMap<>();
        public final Map<String, JsonNode> appMetadata = new LinkedHashMap<>();
    }

    public static final class Metadata {
        public final Map<String, JsonNode> metadata = new LinkedHashMap<>();
    }

    private final Map<String, Boolean> scopeDecisions = new LinkedHashMap<>();

    /** Folds one command into the effects, in flow order. */
    public void apply(String type, JsonNode args) {
        switch (type) {
            case "access.deny" -> {
                access.denied = true;
                access.reason = text(args, "reason");
                access.code = text(args, "code");
                access.userMessage = text(args, "user_message");
            }
            case "accessToken.setCustomClaim" ->
                accessToken.claims.put(args.path("name").asText(), args.path("value"));
            case "idToken.setCustomClaim" ->
                idToken.claims.put(args.path("name").asText(), args.path("value"));
            case "accessToken.addScope" -> decideScope(args.path("scope").asText(), true);
            case "accessToken.removeScope" -> decideScope(args.path("scope").asText(), false);
            case "user.setUserMetadata" ->
                user.userMetadata.put(args.path("key").asText(), args.path("value"));
            case "user.setAppMetadata" -> user.appMetadata.put(args.path("key").asText(), args.path("value"));
            case "transaction.setMetadata" ->
                transaction.metadata.put(args.path("key").asText(), args.path("value"));
            case "redirect.sendUserTo" -> redirect = args.deepCopy();
            case "multifactor.enable" -> multifactor = args.deepCopy();
            case "validation.error" -> validation = args.deepCopy();
            case "session.revoke" ->
                session = JsonNodeFactory.instance
                        .objectNode()
                        .put("revoked", true)
                        .put("reason", text(args, "reason"));
            case "authentication.challengeWith",
                    "authentication.challengeWithAny",
                    "authentication.enrollWith",
                    "authentication.enrollWithAny" ->
                authentication()
                        .put("type", type.substring(type.indexOf('.') + 1))
                        .setAll((ObjectNode) args.deepCopy());
            case "authentication.setPrimaryUser" ->
                authentication().put("primary_user_id", args.path("user_id").asText());
            case "authentication.recordMethod" -> {
                ObjectNode auth = authentication();
                (auth.has("recorded_methods")
                                ? (ArrayNode) auth.get("recorded_methods")
                                : auth.putArray("recorded_methods"))
                        .add(args.path("provider_url").asText());
            }
            case "samlResponse.setAttribute" -> {
                if (samlAttributes == null) {
                    samlAttributes = new LinkedHashMap<>();
                }
                samlAttributes.put(args.path("name").asText(), args.path("value"));
            }
            default -> {
                // commands without a merged effect (cache) only appear in the command list
            }
        }
    }

    private ObjectNode authentication() {
        if (authentication == null) {
            authentication = JsonNodeFactory.instance.objectNode();
        }
        return authentication;
    }

    private void decideScope(String scope, boolean add) {
        scopeDecisions.remove(scope);
        scopeDecisions.put(scope, add);
        accessToken.scopes.add.clear();
        accessToken.scopes.remove.clear();
        scopeDecisions.forEach((s, adding) -> (adding ? accessToken.scopes.add : accessToken.scopes.remove).add(s));
    }

    private static String text(JsonNode args, String field) {
        JsonNode value = args.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
