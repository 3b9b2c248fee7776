package dev.openactions.registry.marketplace;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One of the partner guideline's checks, run by the platform at submission: the question, whether
 * the version passed, the answer in words (what an end user or operator would meet), and the
 * evidence it was drawn from (per test case: the run's status, what the end user sees, log lines,
 * refused hosts, durations). Recorded on the version for reviewers and the partner; it informs the
 * review and does not decide it.
 */
public record GuidelineCheck(String id, String question, boolean passed, String answer, JsonNode evidence) {
    public static final String EGRESS_FAILURE = "egress_failure";
    public static final String DEBUG_LOGGING = "debug_logging";
    public static final String CAPABILITIES = "capabilities";
    public static final String TIME_LIMIT = "time_limit";
}
