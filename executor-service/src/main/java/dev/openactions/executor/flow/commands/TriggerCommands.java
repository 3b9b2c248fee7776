package dev.openactions.executor.flow.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openactions.contracts.TriggerId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the host knows about one trigger's commands, in one place: the event fields a caller
 * must send, the commands its {@code api} may issue with the rule for their arguments, which of them
 * stop or suspend the flow, and the claim names no action may set. The flow endpoint, the flow runner,
 * the sandbox's command channel and {@link CommandCheck} all read it; nothing else repeats it.
 */
public record TriggerCommands(TriggerId trigger, Set<String> requiredEventFields, Map<String, Spec> commands) {

    /** What a command does to the flow besides its effect. */
    public enum Flow {
        /** the flow goes on with the next action */
        CONTINUES,
        /** the flow ends after this action (deny, validation error, session revoked) */
        STOPS,
        /** the flow is suspended after this action and resumed later (redirect, MFA) */
        SUSPENDS
    }

    /** A command's argument rule: returns the arguments as the host keeps them, or throws {@link CommandRefused}. */
    @FunctionalInterface
    public interface Rule {
        JsonNode check(String type, JsonNode args, CommandCheck.Context context);
    }

    public record Spec(String type, Flow flow, Rule rule) {}

    /**
     * Claims an action may not set: the registered JWT and OIDC claims, the ones the token endpoint
     * itself issues (Auth0's {@code gty}, {@code azp}, organizations) and those of the OAuth extensions
     * (DPoP, token exchange, RAR). Compared exactly, as Auth0 does.
     */
    public static final Set<String> RESERVED_CLAIMS = Set.of(
            "sub",
            "iss",
            "aud",
            "exp",
            "iat",
            "nbf",
            "jti",
            "azp",
            "scope",
            "nonce",
            "auth_time",
            "acr",
            "amr",
            "at_hash",
            "c_hash",
            "s_hash",
            "rt_hash",
            "sid",
            "cnf",
            "client_id",
            "org_id",
            "org_name",
            "gty",
            "act",
            "may_act",
            "typ",
            "cty",
            "kid",
            "jku",
            "jwk",
            "x5t#S256",
            "orig_jti",
            "txn",
            "ath",
            "htm",
            "htu",
            "dpop_jkt",
            "authorization_details");

    /** Namespaces Auth0 keeps for itself: a custom claim may not live under them. */
    public static final List<String> RESERVED_NAMESPACES = List.of("auth0.com", "webtask.io", "webtask.run");

    public Optional<Spec> spec(String type) {
        return Optional.ofNullable(commands.get(type));
    }

    public Flow flowOf(String type) {
        Spec spec = commands.get(type);
        return spec == null ? Flow.CONTINUES : spec.flow();
    }

    public static TriggerCommands of(TriggerId trigger) {
        return ALL.get(trigger);
    }

    /** The descriptor of a trigger id; a trigger the host does not know allows no command at all. */
    public static TriggerCommands forId(String triggerId) {
        TriggerCommands known = BY_ID.get(triggerId);
        return known != null ? known : new TriggerCommands(null, Set.of(), Map.of());
    }

    private static final Map<TriggerId, TriggerCommands> ALL = build();
    /** The same descriptors by trigger id: looked up once per action execution. */
    private static final Map<String, TriggerCommands> BY_ID = byId();

    private static Map<String, TriggerCommands> byId() {
        Map<String, TriggerCommands> byId = new HashMap<>();
        ALL.forEach((trigger, commands) -> byId.put(trigger.id(), commands));
        return Map.copyOf(byId);
    }

    private static Map<TriggerId, TriggerCommands> build() {
        Map<TriggerId, TriggerCommands> all = new EnumMap<>(TriggerId.class);
        all.put(
                TriggerId.POST_LOGIN,
                new TriggerCommands(
                        TriggerId.POST_LOGIN,
                        Set.of("user"),
                        specs(
                                new Spec("access.deny", Flow.STOPS, Rules.fields(Rules.string("reason"))),
                                new Spec(
                                        "accessToken.setCustomClaim",
                                        Flow.CONTINUES,
                                        Rules.customClaim(CommandCheck.Bucket.ACCESS_TOKEN_CLAIMS)),
                                new Spec("accessToken.addScope", Flow.CONTINUES, Rules.scope()),
                                new Spec("accessToken.removeScope", Flow.CONTINUES, Rules.scope()),
                                new Spec(
                                        "idToken.setCustomClaim",
                                        Flow.CONTINUES,
                                        Rules.customClaim(CommandCheck.Bucket.ID_TOKEN_CLAIMS)),
                                new Spec(
                                        "user.setUserMetadata",
                                        Flow.CONTINUES,
                                        Rules.metadata(CommandCheck.Bucket.USER_METADATA)),
                                new Spec(
                                        "user.setAppMetadata",
                                        Flow.CONTINUES,
                                        Rules.metadata(CommandCheck.Bucket.APP_METADATA)),
                                new Spec("multifactor.enable", Flow.CONTINUES, Rules.multifactor()),
                                new Spec("transaction.setMetadata", Flow.CONTINUES, Rules.transactionMetadata()),
                                new Spec("session.revoke", Flow.STOPS, Rules.fields(Rules.string("reason"))),
                                new Spec("samlResponse.setAttribute", Flow.CONTINUES, Rules.samlAttribute()),
                                new Spec(
                                        "validation.error",
                                        Flow.STOPS,
                                        Rules.fields(Rules.string("code"), Rules.string("message"))),
                                new Spec("redirect.sendUserTo", Flow.SUSPENDS, Rules.redirect()),
                                new Spec("authentication.challengeWith", Flow.SUSPENDS, Rules.factorWithAdditional()),
                                new Spec("authentication.challengeWithAny", Flow.SUSPENDS, Rules.factors()),
                                new Spec("authentication.enrollWith", Flow.SUSPENDS, Rules.factorWithAdditional()),
                                new Spec("authentication.enrollWithAny", Flow.SUSPENDS, Rules.factors()),
                                new Spec("authentication.setPrimaryUser", Flow.CONTINUES, Rules.primaryUser()),
                                new Spec("authentication.recordMethod", Flow.CONTINUES, Rules.recordMethod()))));
        all.put(
                TriggerId.CREDENTIALS_EXCHANGE,
                new TriggerCommands(
                        TriggerId.CREDENTIALS_EXCHANGE,
                        Set.of("client"),
                        specs(
                                new Spec(
                                        "access.deny",
                                        Flow.STOPS,
                                        Rules.fields(Rules.oneOf("code", Rules.DENY_CODES), Rules.string("reason"))),
                                new Spec(
                                        "accessToken.setCustomClaim",
                                        Flow.CONTINUES,
                                        Rules.customClaim(CommandCheck.Bucket.ACCESS_TOKEN_CLAIMS)))));
        all.put(
                TriggerId.PRE_USER_REGISTRATION,
                new TriggerCommands(
                        TriggerId.PRE_USER_REGISTRATION,
                        Set.of("user"),
                        specs(
                                new Spec(
                                        "access.deny",
                                        Flow.STOPS,
                                        Rules.fields(Rules.string("reason"), Rules.optionalString("user_message"))),
                                new Spec(
                                        "validation.error",
                                        Flow.STOPS,
                                        Rules.fields(Rules.shortString("code"), Rules.shortString("message"))),
                                new Spec(
                                        "user.setUserMetadata",
                                        Flow.CONTINUES,
                                        Rules.metadata(CommandCheck.Bucket.USER_METADATA)),
                                new Spec(
                                        "user.setAppMetadata",
                                        Flow.CONTINUES,
                                        Rules.metadata(CommandCheck.Bucket.APP_METADATA)))));
        all.put(
                TriggerId.SEND_PHONE_MESSAGE,
                new TriggerCommands(TriggerId.SEND_PHONE_MESSAGE, Set.of("message_options"), Map.of()));
        all.put(
                TriggerId.POST_USER_REGISTRATION,
                new TriggerCommands(TriggerId.POST_USER_REGISTRATION, Set.of(), Map.of()));
        all.put(
                TriggerId.POST_CHANGE_PASSWORD,
                new TriggerCommands(TriggerId.POST_CHANGE_PASSWORD, Set.of(), Map.of()));
        return all;
    }

    private static Map<String, Spec> specs(Spec... specs) {
        Map<String, Spec> map = new LinkedHashMap<>();
        for (Spec spec : specs) {
            map.put(spec.type(), spec);
        }
        return Map.copyOf(map);
    }
}
