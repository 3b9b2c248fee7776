package dev.openactions.executor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.openactions.executor.flow.FlowEffects;
import dev.openactions.executor.flow.FlowResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flow's wire shape, as the service's ObjectMapper writes it (snake_case, ISO instants): each
 * action's public part goes out, its private part (logs, its own error and stack) never does.
 */
class FlowResponseTest {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .findAndAddModules()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    private static final Instant AT = Instant.parse("2026-12-06T12:00:00Z");

    private static FlowResult failedFlow() {
        FlowEffects effects = new FlowEffects();
        effects.apply(
                "idToken.setCustomClaim",
                JsonNodeFactory.instance
                        .objectNode()
                        .put("name", "https://x.example/a")
                        .put("value", 1));
        FlowResult.ActionRun ok = new FlowResult.ActionRun(
                new FlowResult.ActionResult("first", "a1", 3, AT, AT, null),
                new FlowResult.ActionDetail("v3", List.of("hello from first"), null, null, false));
        FlowResult.ActionRun broken = new FlowResult.ActionRun(
                new FlowResult.ActionResult(
                        "second",
                        "a2",
                        1,
                        AT,
                        AT,
                        new FlowResult.PublicError("action_failed", "The action 'second' failed.")),
                new FlowResult.ActionDetail(
                        "v1", List.of("secret-ish log"), "TypeError: own message", "at handler (action.js:1)", true));
        return new FlowResult(
                "exec-1",
                new FlowResult.Trigger("post-login", "v3"),
                FlowResult.Status.FAILED,
                List.of(new FlowResult.IssuedCommand(
                        "first",
                        "idToken.setCustomClaim",
                        JsonNodeFactory.instance
                                .objectNode()
                                .put("name", "https://x.example/a")
                                .put("value", 1))),
                effects,
                List.of(ok, broken),
                null);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aFlowGoesOutWithTheWireNamesAndOnlyThePublicPartOfEachAction() {
        JsonNode wire = JSON.valueToTree(FlowResponse.from(failedFlow()));

        assertThat(names(wire))
                .containsExactly("execution_id", "trigger", "status", "commands", "effects", "results", "continuation");
        assertThat(wire.path("status").asText()).isEqualTo("failed");
        assertThat(wire.path("continuation").isNull()).isTrue();
        assertThat(names(wire.path("results").get(1)))
                .containsExactly("action_name", "action_id", "version", "started_at", "ended_at", "error");
        assertThat(wire.path("results").get(0).path("error").isNull()).isTrue();
        assertThat(wire.path("results").get(1).path("error").path("msg").asText())
                .isEqualTo("The action 'second' failed.");
        assertThat(wire.path("results").get(1).path("started_at").asText()).isEqualTo("2026-12-06T12:00:00Z");
        assertThat(wire.path("commands").get(0).path("action").asText()).isEqualTo("first");
        assertThat(wire.toString())
                .doesNotContain(
                        "own message", "action.js", "logs", "secret-ish", "hello from first", "version_id", "debug");
    }

    @Test
    void theEffectsGoOutWholeWithNullForWhatNoCommandSet() {
        JsonNode effects = JSON.valueToTree(FlowResponse.from(failedFlow())).path("effects");

        assertThat(names(effects))
                .containsExactly(
                        "access",
                        "access_token",
                        "id_token",
                        "user",
                        "transaction",
                        "redirect",
                        "multifactor",
                        "validation",
                        "session",
                        "authentication",
                        "saml_attributes");
        assertThat(names(effects.path("access"))).containsExactly("denied", "reason", "code", "user_message");
        assertThat(names(effects.path("access_token"))).containsExactly("claims", "scopes");
        assertThat(names(effects.path("user"))).containsExactly("user_metadata", "app_metadata");
        assertThat(effects.path("id_token")
                        .path("claims")
                        .path("https://x.example/a")
                        .asInt())
                .isEqualTo(1);
        assertThat(effects.path("redirect").isNull()).isTrue();
        assertThat(effects.path("saml_attributes").isNull()).isTrue();
    }

    @Test
    void aSuspendedFlowCarriesItsContinuation() {
        FlowResult suspended = new FlowResult(
                "exec-2",
                new FlowResult.Trigger("post-login", "v3"),
                FlowResult.Status.SUSPENDED,
                List.of(),
                new FlowEffects(),
                List.of(),
                new FlowResult.Continuation("tok.sig", AT));

        JsonNode wire = JSON.valueToTree(FlowResponse.from(suspended));

        assertThat(wire.path("status").asText()).isEqualTo("suspended");
        assertThat(wire.path("continuation").path("token").asText()).isEqualTo("tok.sig");
        assertThat(wire.path("continuation").path("expires_at").asText()).isEqualTo("2026-12-06T12:00:00Z");
    }

    @Test
    void aTestRunShowsItsDeveloperTheActionsOwnErrorAndLogs() {
        FlowResult.ActionRun broken = failedFlow().runs().get(1);
        FlowResult draft = new FlowResult(
                "exec-3",
                new FlowResult.Trigger("post-login", "v3"),
                FlowResult.Status.FAILED,
                List.of(),
                new FlowEffects(),
                List.of(broken),
                null);

        JsonNode wire = JSON.valueToTree(TestRunResponse.from(draft, Duration.ofSeconds(5)));

        assertThat(names(wire))
                .containsExactly(
                        "status", "commands", "effects", "logs", "error", "coverage", "duration_ms", "time_limit_ms");
        assertThat(wire.path("coverage").isNull()).isTrue(); // measured only when the request asks for it
        assertThat(wire.path("duration_ms").asLong()).isZero();
        assertThat(wire.path("time_limit_ms").asLong()).isEqualTo(5000);
        assertThat(wire.path("logs").get(0).asText()).isEqualTo("secret-ish log");
        assertThat(wire.path("error").path("message").asText()).isEqualTo("TypeError: own message");
        assertThat(wire.path("error").path("stack").asText()).isEqualTo("at handler (action.js:1)");
    }
}
