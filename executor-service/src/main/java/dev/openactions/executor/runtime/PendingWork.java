package dev.openactions.executor.runtime;

import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.PolyglotException;

/**
 * Work an action leaves behind when its handler has settled — timers, HTTP requests of npm packages
 * (sent from a timer), the promise jobs they start — run to its end on the same context, like Node's
 * event loop, but never past the action's deadline. Errors thrown by that work do not change the
 * execution's outcome (the handler already answered); they are collected for its logs.
 */
final class PendingWork {
    /** {@code finished}: nothing is pending any more (the context may be reused). */
    record Drained(boolean finished, List<String> uncaught) {
    }

    private PendingWork() {
    }

    static boolean pending(PreparedContext prepared) {
        return prepared.nextTimer.execute().asLong() >= 0;
    }

    /** Into the execution's console capture, in order with the rest of its output (as console.error). */
    private static boolean logInContext(PreparedContext prepared, String line) {
        try {
            prepared.context.getBindings("js").getMember("console").getMember("error").execute(line);
            return true;
        } catch (RuntimeException consoleUnavailable) {
            return false;
        }
    }

    static Drained drain(PreparedContext prepared, long deadlineNanos) throws InterruptedException {
        List<String> uncaught = new ArrayList<>();
        while (true) {
            long next = prepared.nextTimer.execute().asLong();
            if (next < 0) {
                return new Drained(true, uncaught);
            }
            long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (next > remainingMillis) {
                uncaught.add("pending work (timers, requests) was stopped at the action's time limit");
                return new Drained(false, uncaught);
            }
            if (next > 0) {
                Thread.sleep(next);
            }
            try {
                prepared.fireTimers.execute();
            } catch (PolyglotException e) {
                if (!e.isGuestException() || e.isCancelled() || e.isResourceExhausted()) {
                    throw e;
                }
                String line = "Uncaught " + e.getMessage();
                if (!logInContext(prepared, line)) {
                    uncaught.add("[error] " + line);
                }
            }
        }
    }
}
