package dev.openactions.registry.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.registry.client.ExecutorClient;
import dev.openactions.registry.client.ExecutorGateway;
import dev.openactions.registry.client.SecretsClient;
import dev.openactions.registry.client.SecretsGateway;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a submitted version's success-path test cases in the real sandbox, through the executor's
 * test-run endpoint (the same engine that runs installs), and judges each result against the case's
 * expectation. A case's secret values are stored in secrets-service for the run only (under the
 * partner and an owner id of the run: the executor decrypts them as it does for any test run) and
 * deleted afterwards; configuration values travel in {@code event.configuration}.
 */
@ApplicationScoped
class ReviewRunner {
    private final ExecutorGateway executor;
    private final SecretsGateway secrets;

    ReviewRunner(ExecutorGateway executor, SecretsGateway secrets) {
        this.executor = executor;
        this.secrets = secrets;
    }

    /** {@code dependencyBundle}: the version's pinned npm tree (null without dependencies). */
    List<TestResult> run(String partnerId, String triggerId, UUID versionId, String name, String code, String dependencyBundle,
            List<TestCase> cases) {
        List<TestResult> results = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            results.add(runOne(partnerId, triggerId, "review-" + versionId + "-" + i, name, code, dependencyBundle, cases.get(i)));
        }
        return results;
    }

    private TestResult runOne(String partnerId, String triggerId, String ownerId, String name, String code, String dependencyBundle,
            TestCase testCase) {
        ObjectNode event = ((ObjectNode) testCase.event()).deepCopy();
        ObjectNode configuration = event.putObject("configuration");
        testCase.configuration().forEach(configuration::put);
        boolean storedSecrets = !testCase.secrets().isEmpty();
        if (storedSecrets) {
            secrets.replace(partnerId, ownerId, testCase.secrets().entrySet().stream()
                    .map(e -> new SecretsClient.ReplaceSecrets.Item(e.getKey(), e.getValue())).toList());
        }
        JsonNode answer;
        try {
            answer = executor.testRun(new ExecutorClient.TestRunRequest(partnerId, triggerId, ownerId, name, code, event, dependencyBundle));
        } finally {
            if (storedSecrets) {
                secrets.deleteOwner(partnerId, ownerId);
            }
        }
        return judge(testCase, answer);
    }

    static TestResult judge(TestCase testCase, JsonNode answer) {
        List<String> failures = new ArrayList<>();
        String expectedStatus = testCase.expect().status() == null ? "completed" : testCase.expect().status();
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
        // an absent "effects" may arrive as JSON null: no expectation then
        if (expectedEffects != null && !expectedEffects.isNull() && !expectedEffects.isMissingNode()
                && !contains(effects, expectedEffects)) {
            failures.add("effects " + effects + " do not contain " + testCase.expect().effects());
        }
        return new TestResult(testCase.name(), failures.isEmpty(), failures, status, commands, effects,
                answer.path("logs"), answer.path("error"));
    }

    /** Whether {@code actual} has everything {@code expected} has (objects recursively; other values equal). */
    static boolean contains(JsonNode actual, JsonNode expected) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!actual.has(field.getKey()) || !contains(actual.get(field.getKey()), field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        return actual.equals(expected) || (actual.isNumber() && expected.isNumber() && actual.decimalValue().compareTo(expected.decimalValue()) == 0);
    }
}
