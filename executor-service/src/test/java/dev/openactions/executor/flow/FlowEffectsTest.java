package dev.openactions.executor.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** How a flow's commands merge into the effects the auth server applies, in flow order, without a running service. */
class FlowEffectsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode args(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void theLastWriteOfAClaimWinsAndNullIsKeptAsADeletion() {
        FlowEffects effects = new FlowEffects();
        effects.apply("accessToken.setCustomClaim", args("{\"name\":\"https://x.example/role\",\"value\":\"user\"}"));
        effects.apply("accessToken.setCustomClaim", args("{\"name\":\"https://x.example/role\",\"value\":\"admin\"}"));
        effects.apply("idToken.setCustomClaim", args("{\"name\":\"https://x.example/plan\",\"value\":\"pro\"}"));
        effects.apply("idToken.setCustomClaim", args("{\"name\":\"https://x.example/plan\",\"value\":null}"));

        assertThat(effects.accessToken.claims.get("https://x.example/role").asText())
                .isEqualTo("admin");
        assertThat(effects.idToken.claims).containsOnlyKeys("https://x.example/plan");
        assertThat(effects.idToken.claims.get("https://x.example/plan").isNull())
                .isTrue();
    }

    @Test
    void aScopeEndsUpOnTheSideOfItsLastDecisionInTheOrderOfThoseDecisions() {
        FlowEffects effects = new FlowEffects();
        effects.apply("accessToken.addScope", args("{\"scope\":\"read\"}"));
        effects.apply("accessToken.addScope", args("{\"scope\":\"write\"}"));
        effects.apply("accessToken.removeScope", args("{\"scope\":\"read\"}"));
        effects.apply("accessToken.removeScope", args("{\"scope\":\"admin\"}"));
        effects.apply("accessToken.addScope", args("{\"scope\":\"admin\"}"));

        assertThat(effects.accessToken.scopes.add).containsExactly("write", "admin");
        assertThat(effects.accessToken.scopes.remove).containsExactly("read");
    }

    @Test
    void metadataIsMergedPerKeyWithTheLastWriteWinning() {
        FlowEffects effects = new FlowEffects();
        effects.apply("user.setUserMetadata", args("{\"key\":\"color\",\"value\":\"red\"}"));
        effects.apply("user.setUserMetadata", args("{\"key\":\"color\",\"value\":\"blue\"}"));
        effects.apply("user.setAppMetadata", args("{\"key\":\"tier\",\"value\":{\"level\":2}}"));
        effects.apply("transaction.setMetadata", args("{\"key\":\"step\",\"value\":1}"));

        assertThat(effects.user.userMetadata.get("color").asText()).isEqualTo("blue");
        assertThat(effects.user.appMetadata.get("tier").path("level").asInt()).isEqualTo(2);
        assertThat(effects.transaction.metadata.get("step").asInt()).isEqualTo(1);
    }

    @Test
    void aDenialRecordsItsReasonCodeAndUserMessage() {
        FlowEffects effects = new FlowEffects();
        effects.apply(
                "access.deny",
                args("{\"reason\":\"blocked country\",\"code\":\"geo\",\"user_message\":\"Not here.\"}"));

        assertThat(effects.access.denied).isTrue();
        assertThat(effects.access.reason).isEqualTo("blocked country");
        assertThat(effects.access.code).isEqualTo("geo");
        assertThat(effects.access.userMessage).isEqualTo("Not here.");
    }

    @Test
    void aDenialWithoutDetailsLeavesThemAbsentRatherThanEmpty() {
        FlowEffects effects = new FlowEffects();
        effects.apply("access.deny", args("{\"reason\":null}"));

        assertThat(effects.access.denied).isTrue();
        assertThat(effects.access.reason).isNull();
        assertThat(effects.access.code).isNull();
    }

    @Test
    void stopsAreKeptAsTheirArgumentsAndASessionRevocationAsItsReason() {
        FlowEffects effects = new FlowEffects();
        effects.apply("redirect.sendUserTo", args("{\"url\":\"https://idv.example/start\",\"query\":{\"a\":\"1\"}}"));
        effects.apply("validation.error", args("{\"error\":\"invalid_email\"}"));
        effects.apply("session.revoke", args("{\"reason\":\"compromised\"}"));

        assertThat(effects.redirect.path("url").asText()).isEqualTo("https://idv.example/start");
        assertThat(effects.validation.path("error").asText()).isEqualTo("invalid_email");
        assertThat(effects.session.path("revoked").asBoolean()).isTrue();
        assertThat(effects.session.path("reason").asText()).isEqualTo("compromised");
    }

    @Test
    void theEffectDoesNotChangeWhenTheCommandsArgumentsChangeLater() {
        FlowEffects effects = new FlowEffects();
        JsonNode redirect = args("{\"url\":\"https://idv.example/start\"}");
        effects.apply("redirect.sendUserTo", redirect);
        ((ObjectNode) redirect).put("url", "https://evil.example");

        assertThat(effects.redirect.path("url").asText()).isEqualTo("https://idv.example/start");
    }

    @Test
    void authenticationCommandsBuildOneChallengeWithThePrimaryUserAndTheRecordedMethods() {
        FlowEffects effects = new FlowEffects();
        effects.apply("authentication.challengeWith", args("{\"factor\":\"otp\"}"));
        effects.apply("authentication.setPrimaryUser", args("{\"user_id\":\"auth0|2\"}"));
        effects.apply("authentication.recordMethod", args("{\"provider_url\":\"https://a.example\"}"));
        effects.apply("authentication.recordMethod", args("{\"provider_url\":\"https://b.example\"}"));

        assertThat(effects.authentication.path("type").asText()).isEqualTo("challengeWith");
        assertThat(effects.authentication.path("factor").asText()).isEqualTo("otp");
        assertThat(effects.authentication.path("primary_user_id").asText()).isEqualTo("auth0|2");
        assertThat(effects.authentication.path("recorded_methods"))
                .extracting(JsonNode::asText)
                .containsExactly("https://a.example", "https://b.example");
    }

    @Test
    void samlAttributesAppearOnlyOnceOneIsSet() {
        FlowEffects effects = new FlowEffects();
        assertThat(effects.samlAttributes).isNull();

        effects.apply("samlResponse.setAttribute", args("{\"name\":\"department\",\"value\":\"sales\"}"));

        assertThat(effects.samlAttributes).containsOnlyKeys("department");
    }

    @Test
    void aCommandWithoutAMergedEffectLeavesTheEffectsAsTheyWere() {
        FlowEffects effects = new FlowEffects();
        effects.apply("cache.set", args("{\"key\":\"k\",\"value\":\"v\"}"));

        assertThat(effects.access.denied).isFalse();
        assertThat(effects.accessToken.claims).isEmpty();
        assertThat(effects.accessToken.scopes.add).isEmpty();
        assertThat(effects.redirect).isNull();
        assertThat(effects.authentication).isNull();
    }
}
