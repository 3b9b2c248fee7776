package dev.openactions.partnerkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The review's judging rules, as the kit applies them (the registry's ReviewRunner.judge). */
class JudgeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static TestCase expecting(String status, List<JsonNode> commands, JsonNode effects) throws Exception {
        return new TestCase(
                "case", json("{}"), Map.of(), Map.of(), new TestCase.Expectation(status, commands, effects));
    }

    @Test
    void statusDefaultsToCompleted() throws Exception {
        assertThat(Judge.failures(expecting(null, null, null), json("{\"status\":\"completed\"}")))
                .isEmpty();
        assertThat(Judge.failures(expecting(null, null, null), json("{\"status\":\"denied\"}")))
                .containsExactly("status was 'denied', expected 'completed'");
    }

    @Test
    void commandsMatchByTypeAndContainedArgs() throws Exception {
        JsonNode answer = json("""
                {"status":"denied","commands":[{"action":"a","type":"access.deny","args":{"reason":"no","extra":1}}]}""");
        assertThat(Judge.failures(expecting("denied", List.of(json("{\"type\":\"access.deny\"}")), null), answer))
                .isEmpty();
        assertThat(Judge.failures(
                        expecting(
                                "denied",
                                List.of(json("{\"type\":\"access.deny\",\"args\":{\"reason\":\"no\"}}")),
                                null),
                        answer))
                .isEmpty();
        assertThat(Judge.failures(
                        expecting(
                                "denied",
                                List.of(json("{\"type\":\"access.deny\",\"args\":{\"reason\":\"yes\"}}")),
                                null),
                        answer))
                .hasSize(1);
    }

    @Test
    void effectsAreContainedAndNumbersCompareByValue() throws Exception {
        JsonNode answer =
                json("{\"status\":\"completed\",\"effects\":{\"id_token\":{\"claims\":{\"n\":1.0,\"s\":\"x\"}}}}");
        assertThat(Judge.failures(expecting(null, null, json("{\"id_token\":{\"claims\":{\"n\":1}}}")), answer))
                .isEmpty();
        assertThat(Judge.failures(expecting(null, null, json("{\"id_token\":{\"claims\":{\"s\":\"y\"}}}")), answer))
                .hasSize(1);
        assertThat(Judge.failures(expecting(null, null, json("null")), answer)).isEmpty();
    }
}
