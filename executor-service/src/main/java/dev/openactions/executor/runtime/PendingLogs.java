package dev.openactions.executor.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The lines a synchronous execution's pending work writes to its logs after the response was sent
 * (uncaught errors of timers and callbacks, unhandled rejections, late console output, the cut-off
 * note). They complete when that work has ended, or at the latest shortly after the action's time
 * limit, so whoever writes the execution record never waits longer than the action may run.
 */
public final class PendingLogs {
    /** Nothing was left running: there are no late lines. */
    public static final PendingLogs NONE = new PendingLogs(CompletableFuture.completedFuture(List.of()));

    /** Said in the logs when the work was still not done some time after its deadline (a stuck thread, a full queue). */
    static final String UNFINISHED =
            "[error] pending work had not ended at the action's time limit; later lines are not in this record";

    private final CompletableFuture<List<String>> lines;

    private PendingLogs(CompletableFuture<List<String>> lines) {
        this.lines = lines;
    }

    /** Pending lines that complete with what the work reports, or with {@link #UNFINISHED} after {@code limit}. */
    static PendingLogs until(Duration limit) {
        CompletableFuture<List<String>> lines = new CompletableFuture<>();
        lines.completeOnTimeout(List.of(UNFINISHED), Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
        return new PendingLogs(lines);
    }

    void complete(List<String> late) {
        lines.complete(List.copyOf(late));
    }

    /** True when work was handed off and its lines are not known yet. */
    public boolean pending() {
        return !lines.isDone();
    }

    /** Completes (never exceptionally) with the late lines, possibly none. */
    public CompletionStage<List<String>> lines() {
        return lines;
    }
}
