package dev.openactions.registry.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.registry.client.ExecutorClient;
import dev.openactions.registry.client.ExecutorGateway;
import dev.openactions.registry.client.SecretsClient;
import dev.openactions.registry.client.SecretsGateway;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Produces a submitted version's evidence in the real sandbox, through the executor's test-run
 * endpoint (the same engine that runs installs), as an install runs: its configuration in
 * {@code event.configuration} (the case's values, the manifest's defaults for the rest) and only the
 * hosts of its capabilities reachable. It runs every success-path test case and judges it against the
 * case's expectation, then the partner guideline's checks ({@link GuidelineChecks}): each case again
 * with no host allowed (the executor refuses every request: egress made to fail), and with
 * {@code DEBUG} off and on when the manifest declares that switch. A case's secret values are stored in
 * secrets-service for the review only (under the partner and an owner id of the case: the executor
 * decrypts them as it does for any test run) and deleted afterwards.
 */
@ApplicationScoped
class ReviewRunner {
    private final ExecutorGateway executor;
    private final SecretsGateway secrets;
    private final MarketplaceConfig config;

    /** What is reviewed: the version as submitted, with its pinned npm tree (null without dependencies). */
    record Submission(
            String partnerId,
            String triggerId,
            UUID versionId,
            String name,
            String code,
            String dependencyBundle,
            Manifest manifest,
            List<TestCase> cases) {}

    /** The recorded evidence: a result per test case and the guideline's checks. */
    record Evidence(List<TestResult> results, List<GuidelineCheck> checks) {}

    ReviewRunner(ExecutorGateway executor, SecretsGateway secrets, MarketplaceConfig config) {
        this.executor = executor;
        this.secrets = secrets;
        this.config = config;
    }

    Evidence run(Submission submission) {
        List<TestCase> cases = submission.cases();
        List<String> stored = new ArrayList<>();
        try {
            for (int i = 0; i < cases.size(); i++) {
                if (!cases.get(i).secrets().isEmpty()) {
                    String owner = owner(submission, i);
                    stored.add(owner);
                    secrets.replace(
                            submission.partnerId(),
                            owner,
                            cases.get(i).secrets().entrySet().stream()
                                    .map(e -> new SecretsClient.ReplaceSecrets.Item(e.getKey(), e.getValue()))
                                    .toList());
                }
            }
            return review(submission);
        } finally {
            stored.forEach(owner -> secrets.deleteOwner(submission.partnerId(), owner));
        }
    }

    private Evidence review(Submission submission) {
        Manifest manifest = submission.manifest();
        List<String> hosts = manifest.capabilities().outboundHosts();
        boolean hasDebug = manifest.configuration().stream().anyMatch(f -> Manifest.DEBUG.equals(f.name()));
        Map<String, JsonNode> memo = new HashMap<>();
        List<TestResult> results = new ArrayList<>();
        List<GuidelineChecks.CaseRun> normal = new ArrayList<>();
        List<GuidelineChecks.CaseRun> egressFailed = new ArrayList<>();
        List<GuidelineChecks.CaseRun> debugOff = new ArrayList<>();
        List<GuidelineChecks.CaseRun> debugOn = new ArrayList<>();
        for (int i = 0; i < submission.cases().size(); i++) {
            TestCase testCase = submission.cases().get(i);
            Map<String, String> configuration = configuration(manifest, testCase.configuration(), null);
            // the success path as an install runs it, with the engine measuring which lines ran
            JsonNode answer = runOnce(submission, i, configuration, hosts, true, memo);
            results.add(judge(testCase, answer));
            normal.add(new GuidelineChecks.CaseRun(testCase.name(), answer));
            egressFailed.add(new GuidelineChecks.CaseRun(
                    testCase.name(), runOnce(submission, i, configuration, List.of(), false, memo)));
            if (hasDebug) {
                debugOff.add(new GuidelineChecks.CaseRun(
                        testCase.name(),
                        runOnce(
                                submission,
                                i,
                                configuration(manifest, testCase.configuration(), "false"),
                                hosts,
                                false,
                                memo)));
                debugOn.add(new GuidelineChecks.CaseRun(
                        testCase.name(),
                        runOnce(
                                submission,
                                i,
                                configuration(manifest, testCase.configuration(), "true"),
                                hosts,
                                false,
                                memo)));
            } else {
                debugOff.add(new GuidelineChecks.CaseRun(
                        testCase.name(), runOnce(submission, i, configuration, hosts, false, memo)));
            }
        }
        List<GuidelineChecks.CaseRun> withinCapabilities = new ArrayList<>(normal);
        withinCapabilities.addAll(debugOn);
        List<GuidelineCheck> checks = List.of(
                GuidelineChecks.egressFailure(submission.name(), egressFailed),
                GuidelineChecks.debugLogging(
                        hasDebug, debugOff, debugOn, config.checks().quietLogLines()),
                GuidelineChecks.capabilities(hosts, withinCapabilities),
                // timed without the coverage instrument, which slows a run down
                GuidelineChecks.timeLimit(debugOff, config.checks().timeShare()));
        return new Evidence(results, checks);
    }

    /** Runs case {@code index} with this configuration and these hosts (and coverage), once: the same run is not asked twice. */
    private JsonNode runOnce(
            Submission submission,
            int index,
            Map<String, String> configuration,
            List<String> hosts,
            boolean coverage,
            Map<String, JsonNode> memo) {
        String key = index + " " + configuration + " " + hosts + " " + coverage;
        JsonNode known = memo.get(key);
        if (known != null) {
            return known;
        }
        ObjectNode event = ((ObjectNode) submission.cases().get(index).event()).deepCopy();
        // also in the event, as the test kit shows it; the executor puts the run's configuration there either way
        ObjectNode inEvent = event.putObject("configuration");
        configuration.forEach(inEvent::put);
        JsonNode answer = executor.testRun(new ExecutorClient.TestRunRequest(
                submission.partnerId(),
                submission.triggerId(),
                owner(submission, index),
                submission.name(),
                submission.code(),
                event,
                submission.dependencyBundle(),
                configuration,
                hosts,
                coverage ? Boolean.TRUE : null));
        memo.put(key, answer);
        return answer;
    }

    /** The case's values, the manifest's defaults for the rest, and {@code DEBUG} forced when {@code debug} is given. */
    static Map<String, String> configuration(Manifest manifest, Map<String, String> given, String debug) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Manifest.Field field : manifest.configuration()) {
            if (field.defaultValue() != null && !field.defaultValue().isEmpty()) {
                values.put(field.name(), field.defaultValue());
            }
        }
        values.putAll(given);
        if (debug != null) {
            values.put(Manifest.DEBUG, debug);
        }
        return values;
    }

    private static String owner(Submission submission, int index) {
        return "review-" + submission.versionId() + "-" + index;
    }

    static TestResult judge(TestCase testCase, JsonNode answer) {
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
        // an absent "effects" may arrive as JSON null: no expectation then
        if (expectedEffects != null
                && !expectedEffects.isNull()
                && !expectedEffects.isMissingNode()
                && !contains(effects, expectedEffects)) {
            failures.add("effects " + effects + " do not contain "
                    + testCase.expect().effects());
        }
        return new TestResult(
                testCase.name(),
                failures.isEmpty(),
                failures,
                status,
                commands,
                effects,
                answer.path("logs"),
                answer.path("error"),
                answer.path("coverage").isObject() ? answer.path("coverage") : null);
    }

    /** Whether {@code actual} has everything {@code expected} has (objects recursively; other values equal). */
    static boolean contains(JsonNode actual, JsonNode expected) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
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
