package dev.openactions.executor.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.executor.flow.FlowEffects;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The merged effect of a flow's commands on the wire (see {@link FlowEffects} for the merge rules).
 * Every member is written, {@code null} included: the auth server reads an absent stop as "none".
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EffectsResponse(
        Access access,
        TokenEffects accessToken,
        Claims idToken,
        UserEffects user,
        Metadata transaction,
        ObjectNode redirect,
        ObjectNode multifactor,
        ObjectNode validation,
        ObjectNode session,
        ObjectNode authentication,
        Map<String, JsonNode> samlAttributes) {

    public record Access(boolean denied, String reason, String code, String userMessage) {}

    public record Claims(Map<String, JsonNode> claims) {}

    public record TokenEffects(Map<String, JsonNode> claims, Scopes scopes) {}

    public record Scopes(List<String> add, List<String> remove) {}

    public record UserEffects(Map<String, JsonNode> userMetadata, Map<String, JsonNode> appMetadata) {}

    public record Metadata(Map<String, JsonNode> metadata) {}

    static EffectsResponse from(FlowEffects effects) {
        if (effects == null) {
            return null;
        }
        return new EffectsResponse(
                new Access(
                        effects.access.denied, effects.access.reason, effects.access.code, effects.access.userMessage),
                new TokenEffects(
                        copy(effects.accessToken.claims),
                        new Scopes(
                                List.copyOf(effects.accessToken.scopes.add),
                                List.copyOf(effects.accessToken.scopes.remove))),
                new Claims(copy(effects.idToken.claims)),
                new UserEffects(copy(effects.user.userMetadata), copy(effects.user.appMetadata)),
                new Metadata(copy(effects.transaction.metadata)),
                effects.redirect,
                effects.multifactor,
                effects.validation,
                effects.session,
                effects.authentication,
                effects.samlAttributes == null ? null : copy(effects.samlAttributes));
    }

    /** In insertion order (the order the commands set them); values may be JSON null. */
    private static Map<String, JsonNode> copy(Map<String, JsonNode> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
