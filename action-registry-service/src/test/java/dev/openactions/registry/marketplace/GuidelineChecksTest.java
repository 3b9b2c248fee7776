package dev.openactions.registry.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guideline's checks judged from executor answers of the shape the executor's test-run endpoint
 * gives (status, commands, effects, logs with the host's refusal lines, error, duration and limit):
 * for each check an integration that passes it and one that fails it. The runs themselves are made
 * in the real sandbox by the system test (MarketplaceJourneyTest there).
 */
class GuidelineChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static GuidelineChecks.CaseRun run(String name, String answer) {
        try {
            JsonNode node = JSON.readTree(answer);
            return new GuidelineChecks.CaseRun(name, node);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final String REFUSED_LOG =
            "\"[error] fetch refused: requests to api.vendor.example are outside this "
                    + "integration's capabilities (allowed: none)\"";

    @Test
    void egressFailureAnIntegrationThatFailsOpenOrDeniesWithAMessagePasses() {
        GuidelineCheck check = GuidelineChecks.egressFailure(
                "Consent",
                List.of(
                        run(
                                "consented",
                                "{\"status\":\"completed\",\"commands\":[],\"logs\":[" + REFUSED_LOG
                                        + "],\"error\":null}"),
                        run("strict", """
                        {"status":"denied","commands":[{"type":"access.deny","args":{"reason":"consent_unknown"}}],
                         "effects":{"access":{"denied":true,"reason":"consent_unknown","user_message":"We could not check your consent."}},
                         "logs":[%s],"error":null}""".formatted(REFUSED_LOG))));

        assertThat(check.id()).isEqualTo("egress_failure");
        assertThat(check.passed()).isTrue();
        assertThat(check.answer())
                .contains("the login continues")
                .contains("fails silently")
                .contains("denied and the end user sees \"We could not check your consent.\"");
        assertThat(check.evidence().path(0).path("outcome").asText()).isEqualTo("continues");
        assertThat(check.evidence().path(0).path("refused_requests").asInt()).isEqualTo(1);
        assertThat(check.evidence().path(1).path("end_user_sees").asText())
                .isEqualTo("We could not check your consent.");
    }

    @Test
    void egressFailureAnUnhandledErrorFailsTheCheckWithWhatTheEndUserSees() {
        GuidelineCheck check =
                GuidelineChecks.egressFailure("Consent", List.of(run("consented", """
                {"status":"failed","commands":[],"logs":[%s],"error":{"message":"TypeError: fetch failed","stack":"at x"}}""".formatted(REFUSED_LOG))));

        assertThat(check.passed()).isFalse();
        assertThat(check.answer())
                .contains("TypeError: fetch failed")
                .contains("the end user sees only \"The action 'Consent' failed.\"");
        assertThat(check.evidence().path(0).path("error").path("message").asText())
                .isEqualTo("TypeError: fetch failed");
    }

    @Test
    void debugLoggingQuietWithDebugOffPassesAndChattyFails() {
        GuidelineCheck quiet = GuidelineChecks.debugLogging(
                true,
                List.of(run("a", "{\"status\":\"completed\",\"logs\":[]}")),
                List.of(run("a", "{\"status\":\"completed\",\"logs\":[\"vendor said 200\",\"claim set\"]}")),
                0);
        assertThat(quiet.passed()).isTrue();
        assertThat(quiet.answer())
                .isEqualTo("with DEBUG=false it logged 0 lines, with DEBUG=true 2 lines over 1 test case");
        assertThat(quiet.evidence()
                        .path("debug_on")
                        .path(0)
                        .path("logs")
                        .path(0)
                        .asText())
                .isEqualTo("vendor said 200");

        GuidelineCheck chatty = GuidelineChecks.debugLogging(
                true,
                List.of(run("a", "{\"status\":\"completed\",\"logs\":[\"user ada@example.com\",\"token abc\"]}")),
                List.of(run("a", "{\"status\":\"completed\",\"logs\":[\"user ada@example.com\",\"token abc\"]}")),
                0);
        assertThat(chatty.passed()).isFalse();
        assertThat(chatty.answer())
                .contains("DEBUG=false it logged 2 lines")
                .contains("the guideline allows 0 with debug off");

        GuidelineCheck noSwitch = GuidelineChecks.debugLogging(
                false, List.of(run("a", "{\"status\":\"completed\",\"logs\":[]}")), List.of(), 0);
        assertThat(noSwitch.passed()).isTrue();
        assertThat(noSwitch.answer()).contains("declares no DEBUG configuration field");
    }

    @Test
    void capabilitiesARefusedHostFailsTheCheckNamingIt() {
        GuidelineCheck within = GuidelineChecks.capabilities(
                List.of("api.vendor.example"), List.of(run("a", "{\"status\":\"completed\",\"logs\":[\"ok\"]}")));
        assertThat(within.passed()).isTrue();
        assertThat(within.answer()).isEqualTo("it stayed within its declared hosts (api.vendor.example)");

        GuidelineCheck outside = GuidelineChecks.capabilities(List.of("api.vendor.example"), List.of(run("a", """
                {"status":"completed","logs":["[error] fetch refused: requests to tracker.example.net are outside this \
                integration's capabilities (allowed: api.vendor.example)"]}""")));
        assertThat(outside.passed()).isFalse();
        assertThat(outside.answer()).contains("tracker.example.net");
        assertThat(outside.evidence().path(0).path("refused").path(0).asText())
                .startsWith("requests to tracker.example.net");
    }

    @Test
    void timeLimitTheSlowestCaseMustStayWithinTheShareOfTheLimit() {
        GuidelineCheck fast = GuidelineChecks.timeLimit(
                List.of(
                        run("a", "{\"status\":\"completed\",\"duration_ms\":40,\"time_limit_ms\":5000}"),
                        run("b", "{\"status\":\"completed\",\"duration_ms\":120,\"time_limit_ms\":5000}")),
                0.5);
        assertThat(fast.passed()).isTrue();
        assertThat(fast.answer()).isEqualTo("the slowest case ('b') took 120 ms of its 5000 ms limit");
        assertThat(fast.evidence().path("allowed_ms").asLong()).isEqualTo(2500);

        GuidelineCheck slow = GuidelineChecks.timeLimit(
                List.of(run("a", "{\"status\":\"completed\",\"duration_ms\":3100,\"time_limit_ms\":5000}")), 0.5);
        assertThat(slow.passed()).isFalse();
        assertThat(slow.answer()).contains("3100 ms of its 5000 ms limit").contains("more than the 2500 ms (50%)");

        GuidelineCheck unknown = GuidelineChecks.timeLimit(List.of(run("a", "{\"status\":\"completed\"}")), 0.5);
        assertThat(unknown.passed()).isFalse();
        assertThat(unknown.answer()).contains("reported no duration");
    }
}
