package dev.openactions.partnerkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Judges a test run's answer against a case's expectation exactly as the registry's review does
 * (action-registry-service, {@code marketplace/ReviewRunner.judge}): the same status default, the same
 * command matching (type equal, expected args contained), the same containment of effects. A change
 * to one must be made to the other; {@code JudgeTest} pins the rules.
 */
final class Judge {
    private Judge() {}

    /** The reasons the case failed; empty when it passed. */
    static List<String> failures(TestCase testCase, JsonNode answer) {
        List<String> failures = new ArrayList<>();
        String expectedStatus = testCase.expect().status() == null
                ? "completed"
                : testCase.expect().status();
        String status = answer.path("status").asText(null);
        if (!expectedStatus.equals(status)) {
            failures.add("status was '" + status + "', expected '" + expectedStatus + "'");
        }
        JsonNode commands = answer.path("commands");
        for (JsonNode expected : testCase.expect().commands()) {
            boolean found = false;
            for (JsonNode issued : commands) {
                if (expected.path("type").equals(issued.path("type"))
                        && (!expected.has("args") || contains(issued.path("args"), expected.path("args")))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                failures.add("no command " + expected + " was issued");
            }
        }
        JsonNode effects = answer.path("effects");
        JsonNode expectedEffects = testCase.expect().effects();
        if (expectedEffects != null
                && !expectedEffects.isNull()
                && !expectedEffects.isMissingNode()
                && !contains(effects, expectedEffects)) {
            failures.add("effects " + effects + " do not contain " + expectedEffects);
        }
        return failures;
    }

    /** Whether {@code actual} has everything {@code expected} has (objects recursively; other values equal). */
    static boolean contains(JsonNode actual, JsonNode expected) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                if (!actual.has(field.getKey()) || !contains(actual.get(field.getKey()), field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        return actual.equals(expected)
                || (actual.isNumber()
                        && expected.isNumber()
                        && actual.decimalValue().compareTo(expected.decimalValue()) == 0);
    }
}
