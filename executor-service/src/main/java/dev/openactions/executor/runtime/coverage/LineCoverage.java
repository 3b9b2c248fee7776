package dev.openactions.executor.runtime.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Line coverage of an action's own code, measured by {@link CoverageInstrument}: the lines on which
 * a statement starts ({@code totalLines}), those where at least one of them ran ({@code coveredLines}),
 * and the others ({@code uncoveredLines}, ascending, numbered as in the action's code). Lines without
 * statements (comments, braces, declarations) do not count.
 */
public record LineCoverage(int coveredLines, int totalLines, List<Integer> uncoveredLines) {

    public LineCoverage {
        uncoveredLines = List.copyOf(uncoveredLines);
    }

    /** Covered share of the lines in percent, rounded down to one decimal: 100.0 only when nothing is uncovered. */
    public double percent() {
        return totalLines == 0 ? 100.0 : Math.floor(coveredLines * 1000.0 / totalLines) / 10.0;
    }

    /**
     * The coverage of several runs of the same code taken together: a line is covered when any run
     * covered it, so the uncovered lines are those no run reached. Runs without a figure (the code did
     * not load) are skipped; null when none has one.
     */
    public static LineCoverage across(List<LineCoverage> runs) {
        List<LineCoverage> measured = runs.stream()
                .filter(Objects::nonNull)
                .filter(run -> run.totalLines() > 0)
                .toList();
        if (measured.isEmpty()) {
            return runs.stream().filter(Objects::nonNull).findFirst().orElse(null);
        }
        int total = measured.stream().mapToInt(LineCoverage::totalLines).max().orElse(0);
        TreeSet<Integer> uncovered = new TreeSet<>(measured.get(0).uncoveredLines());
        for (LineCoverage run : measured) {
            uncovered.retainAll(run.uncoveredLines());
        }
        return new LineCoverage(total - uncovered.size(), total, new ArrayList<>(uncovered));
    }
}
