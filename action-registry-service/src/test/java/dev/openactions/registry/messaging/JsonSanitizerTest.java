package dev.openactions.registry.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What PostgreSQL cannot store becomes U+FFFD; valid text, including surrogate pairs, is left alone. */
class JsonSanitizerTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void replacesNulAndLoneSurrogatesInValuesAndNames() throws Exception {
        JsonNode tree = json.readTree(
                "{\"a\\u0000\":[\"x\\u0000y\",{\"deep\":\"\\ud800\"},\"\\udc00z\",\"ok \\ud83d\\ude00\"],\"n\":1}");
        assertThat(JsonSanitizer.sanitize(tree)).isTrue();
        assertThat(tree.has("a\u0000")).isFalse();
        assertThat(tree.get("a\uFFFD").toString())
                .isEqualTo("[\"x\uFFFDy\",{\"deep\":\"\uFFFD\"},\"\uFFFDz\",\"ok \uD83D\uDE00\"]");
        assertThat(tree.get("n").asInt()).isEqualTo(1);
    }

    @Test
    void leavesCleanTreesUnchanged() throws Exception {
        JsonNode tree = json.readTree("{\"logs\":[\"hello\",\"ünïcødé \\ud83d\\ude00\"],\"status\":\"final\"}");
        String before = tree.toString();
        assertThat(JsonSanitizer.sanitize(tree)).isFalse();
        assertThat(tree.toString()).isEqualTo(before);
        assertThat(JsonSanitizer.clean("plain")).isSameAs("plain");
    }
}
