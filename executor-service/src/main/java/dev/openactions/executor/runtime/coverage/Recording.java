package dev.openactions.executor.runtime.coverage;

import com.oracle.truffle.api.source.SourceSection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The statements of one action source that were loaded and that ran during one execution on the
 * current thread. A coverage run evaluates the action as an uncached source, so its statements are
 * parsed (and reported as loaded) anew for every run; the handler, its promise jobs and its timers
 * all run on the thread that started the recording. Statements are keyed by their position, so a
 * statement reported twice counts once.
 */
public final class Recording implements AutoCloseable {
    private static final ThreadLocal<Recording> CURRENT = new ThreadLocal<>();

    private final String sourceName;
    private final int firstChar;
    /** statement position (char index and length) → its first line */
    private final Map<Long, Integer> statements = new HashMap<>();

    private final Set<Long> executed = new HashSet<>();

    private Recording(String sourceName, int firstChar) {
        this.sourceName = sourceName;
        this.firstChar = firstChar;
    }

    /**
     * Starts recording on this thread.
     *
     * @param sourceName the name of the action's source
     * @param firstChar where the action's own code starts in that source: the executor wraps it in a
     *        module function whose prefix (on line 1) is not the partner's code
     */
    public static Recording start(String sourceName, int firstChar) {
        Recording recording = new Recording(sourceName, firstChar);
        CURRENT.set(recording);
        return recording;
    }

    static Recording current() {
        return CURRENT.get();
    }

    static void loaded(SourceSection statement) {
        Recording recording = CURRENT.get();
        if (recording != null && recording.owns(statement)) {
            synchronized (recording) {
                recording.statements.putIfAbsent(position(statement), statement.getStartLine());
            }
        }
    }

    void executed(SourceSection statement) {
        if (owns(statement)) {
            synchronized (this) {
                executed.add(position(statement));
                statements.putIfAbsent(position(statement), statement.getStartLine());
            }
        }
    }

    private boolean owns(SourceSection statement) {
        return statement != null
                && statement.isAvailable()
                && statement.getCharIndex() >= firstChar
                && sourceName.equals(statement.getSource().getName());
    }

    private static long position(SourceSection statement) {
        return ((long) statement.getCharIndex() << 32) | statement.getCharLength();
    }

    /** Line coverage so far: a line counts when a statement starts on it, and is covered when one of those ran. */
    public synchronized LineCoverage lines() {
        Set<Integer> all = new TreeSet<>(statements.values());
        Set<Integer> covered = new TreeSet<>();
        executed.forEach(position -> covered.add(statements.get(position)));
        TreeSet<Integer> uncovered = new TreeSet<>(all);
        uncovered.removeAll(covered);
        return new LineCoverage(
                all.size() - uncovered.size(), all.size(), uncovered.stream().toList());
    }

    @Override
    public void close() {
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
    }
}
