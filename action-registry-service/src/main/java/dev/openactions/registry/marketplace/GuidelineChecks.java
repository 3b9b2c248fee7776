package dev.openactions.registry.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Judges the partner guideline's checks from test runs the executor answered (see {@link ReviewRunner}
 * for how they are run). Pure: every answer comes from the runs' status, effects, error, console
 * output, the host's {@code fetch refused: …} lines and the reported durations.
 */
final class GuidelineChecks {
    /** The executor's log line for a request its capabilities refused (runtime/ActionSandbox). */
    static final String REFUSAL = "fetch refused: ";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One run of one test case and the executor's answer. */
    record CaseRun(String caseName, JsonNode answer) {}

    private GuidelineChecks() {}

    /**
     * Does the action fail silently, block the flow, or deny with a message when every outbound
     * request fails? Run with no allowed host, so the executor refuses each request. Passes when the
     * action handles the failure itself (the login goes on, or is denied with a message); an unhandled
     * error fails the flow with a generic message only, and does not pass.
     */
    static GuidelineCheck egressFailure(String actionName, List<CaseRun> runs) {
        ArrayNode evidence = NODES.arrayNode();
        Set<String> outcomes = new LinkedHashSet<>();
        boolean passed = true;
        int requests = 0;
        for (CaseRun run : runs) {
            JsonNode answer = run.answer();
            String status = answer.path("status").asText("");
            int refused = refusals(answer).size();
            requests += refused;
            String outcome;
            String endUser;
            switch (status) {
                case "completed" -> {
                    outcome = "continues";
                    endUser = null;
                    outcomes.add("the login continues as if nothing happened (the action fails silently, open)");
                }
                case "denied" -> {
                    outcome = "denies";
                    endUser = deniedMessage(answer);
                    outcomes.add("the login is denied and the end user sees \"" + endUser + "\"");
                }
                default -> {
                    outcome = "fails";
                    endUser = "The action '" + actionName + "' failed.";
                    passed = false;
                    outcomes.add("the action fails ("
                            + answer.path("error").path("message").asText(status)
                            + "): the flow stops and the end user sees only \"" + endUser + "\"");
                }
            }
            ObjectNode item = evidence.addObject()
                    .put("case", run.caseName())
                    .put("status", status)
                    .put("outcome", outcome)
                    .put("end_user_sees", endUser)
                    .put("refused_requests", refused);
            item.set("error", answer.path("error").isMissingNode() ? NODES.nullNode() : answer.path("error"));
        }
        String answer = requests == 0
                ? "it made no outbound request in its test cases; " + String.join("; ", outcomes)
                : "with every outbound request failing, " + String.join("; ", outcomes);
        return new GuidelineCheck(
                GuidelineCheck.EGRESS_FAILURE,
                "Does the action fail silently or block the flow when every outbound HTTP request fails, and what does an end user see?",
                passed,
                answer,
                evidence);
    }

    /**
     * What is logged with debug off and with debug on? {@code debugOn} is empty when the manifest has
     * no {@code DEBUG} field (then {@code debugOff} are the runs with its defaults). Passes when debug
     * off writes at most {@code quietLines} console lines over all cases.
     */
    static GuidelineCheck debugLogging(
            boolean hasDebugField, List<CaseRun> debugOff, List<CaseRun> debugOn, int quietLines) {
        ObjectNode evidence = NODES.objectNode();
        int off = lines(debugOff, evidence.putArray("debug_off"));
        int on = lines(debugOn, evidence.putArray("debug_on"));
        boolean passed = off <= quietLines;
        String answer = (hasDebugField
                        ? "with DEBUG=false it logged "
                        : "it declares no DEBUG configuration field (customers cannot turn "
                                + "logs on); with its defaults it logged ")
                + off + " line" + (off == 1 ? "" : "s")
                + (hasDebugField ? ", with DEBUG=true " + on + " line" + (on == 1 ? "" : "s") : "")
                + " over " + debugOff.size() + " test case" + (debugOff.size() == 1 ? "" : "s")
                + (passed ? "" : "; the guideline allows " + quietLines + " with debug off");
        return new GuidelineCheck(
                GuidelineCheck.DEBUG_LOGGING,
                "What is logged with debug off (little or nothing) and with debug on?",
                passed,
                answer,
                evidence);
    }

    /** Does it touch hosts outside its capabilities? Each refusal the executor logged in a normal run is one. */
    static GuidelineCheck capabilities(List<String> allowedHosts, List<CaseRun> runs) {
        ArrayNode evidence = NODES.arrayNode();
        Set<String> refused = new LinkedHashSet<>();
        for (CaseRun run : runs) {
            List<String> lines = refusals(run.answer());
            refused.addAll(lines);
            ArrayNode items = evidence.addObject().put("case", run.caseName()).putArray("refused");
            lines.forEach(items::add);
        }
        String allowed = allowedHosts.isEmpty() ? "none" : String.join(", ", allowedHosts);
        String answer = refused.isEmpty()
                ? "it stayed within its declared hosts (" + allowed + ")"
                : "it tried hosts outside its capabilities, which the executor refused: " + String.join("; ", refused);
        return new GuidelineCheck(
                GuidelineCheck.CAPABILITIES,
                "Does it touch hosts outside its capabilities?",
                refused.isEmpty(),
                answer,
                evidence);
    }

    /** Does it finish well within its time limit? The slowest case must take at most {@code share} of the limit. */
    static GuidelineCheck timeLimit(List<CaseRun> runs, double share) {
        ArrayNode evidence = NODES.arrayNode();
        long slowest = -1;
        long limit = -1;
        String slowestCase = null;
        for (CaseRun run : runs) {
            JsonNode duration = run.answer().path("duration_ms");
            JsonNode caseLimit = run.answer().path("time_limit_ms");
            evidence.addObject()
                    .put("case", run.caseName())
                    .set("duration_ms", duration.isNumber() ? duration : NODES.nullNode());
            if (caseLimit.isNumber()) {
                limit = caseLimit.asLong();
            }
            if (!duration.isNumber()) {
                slowest = Long.MAX_VALUE;
                slowestCase = run.caseName();
            } else if (slowest != Long.MAX_VALUE && duration.asLong() > slowest) {
                slowest = duration.asLong();
                slowestCase = run.caseName();
            }
        }
        String question = "Does it finish well within its time limit?";
        if (slowest == Long.MAX_VALUE || limit <= 0) {
            return new GuidelineCheck(
                    GuidelineCheck.TIME_LIMIT,
                    question,
                    false,
                    "the executor reported no duration or time limit for case '" + slowestCase + "'",
                    evidence);
        }
        long allowed = (long) (limit * share);
        boolean passed = slowest <= allowed;
        String answer = "the slowest case ('" + slowestCase + "') took " + slowest + " ms of its " + limit + " ms limit"
                + (passed
                        ? ""
                        : ", more than the " + allowed + " ms (" + Math.round(share * 100) + "%) the guideline allows");
        ObjectNode summary = NODES.objectNode()
                .put("slowest_ms", slowest)
                .put("time_limit_ms", limit)
                .put("allowed_ms", allowed);
        summary.set("cases", evidence);
        return new GuidelineCheck(GuidelineCheck.TIME_LIMIT, question, passed, answer, summary);
    }

    /** The host's refusal lines of a run (what follows {@code fetch refused: }). */
    static List<String> refusals(JsonNode answer) {
        List<String> refused = new ArrayList<>();
        for (JsonNode line : answer.path("logs")) {
            int at = line.asText().indexOf(REFUSAL);
            if (at >= 0) {
                refused.add(line.asText().substring(at + REFUSAL.length()));
            }
        }
        return refused;
    }

    private static int lines(List<CaseRun> runs, ArrayNode evidence) {
        int total = 0;
        for (CaseRun run : runs) {
            ArrayNode logs = NODES.arrayNode();
            run.answer().path("logs").forEach(logs::add);
            total += logs.size();
            evidence.addObject()
                    .put("case", run.caseName())
                    .put("lines", logs.size())
                    .set("logs", logs);
        }
        return total;
    }

    private static String deniedMessage(JsonNode answer) {
        List<JsonNode> sources = new ArrayList<>();
        sources.add(answer.path("effects").path("access"));
        for (JsonNode command : answer.path("commands")) {
            if ("access.deny".equals(command.path("type").asText())) {
                sources.add(command.path("args"));
            }
        }
        for (String field : List.of("user_message", "reason", "code")) {
            for (JsonNode source : sources) {
                String text = source.path(field).asText("");
                if (!text.isBlank()) {
                    return text;
                }
            }
        }
        return "access denied";
    }
}
