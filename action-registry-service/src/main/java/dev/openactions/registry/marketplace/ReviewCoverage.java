package dev.openactions.registry.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A version's line coverage over all its success-path test cases, from what the engine measured in
 * each (see {@link TestResult#coverage}): a line counts as covered when any case ran it, so the
 * uncovered lines are those no case ran (the executor's own rule for combining runs). The percent is
 * rounded down to one decimal, as the executor and the partner test kit round it, so the figure a
 * partner sees locally is the one recorded here. Null when no case reported coverage.
 */
public record ReviewCoverage(int coveredLines, int totalLines, double percent, List<Integer> uncoveredLines) {

    static ReviewCoverage across(List<TestResult> results) {
        TreeSet<Integer> uncovered = null;
        int total = 0;
        for (TestResult result : results) {
            JsonNode coverage = result.coverage();
            if (coverage == null || !coverage.isObject()) {
                continue;
            }
            total = Math.max(total, coverage.path("total_lines").asInt());
            TreeSet<Integer> lines = new TreeSet<>();
            coverage.path("uncovered_lines").forEach(line -> lines.add(line.asInt()));
            if (uncovered == null) {
                uncovered = lines;
            } else {
                uncovered.retainAll(lines);
            }
        }
        if (uncovered == null) {
            return null;
        }
        int covered = total - uncovered.size();
        double percent = total == 0 ? 100.0 : Math.floor(covered * 1000.0 / total) / 10.0;
        return new ReviewCoverage(covered, total, percent, new ArrayList<>(uncovered));
    }
}
