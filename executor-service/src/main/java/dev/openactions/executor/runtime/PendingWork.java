package dev.openactions.executor.runtime;

import java.util.function.Consumer;
import org.graalvm.polyglot.PolyglotException;

/**
 * Work an action leaves behind when its handler has settled — timers, HTTP requests of npm packages
 * (sent from a timer), the promise jobs they start — run to its end on the same context, like Node's
 * event loop, but never past the action's deadline. Errors thrown by that work do not change the
 * execution's outcome (the handler already answered): the host channel logs what reaches it after
 * the handler settled, and what escapes the driver goes to {@code note}.
 */
final class PendingWork {

    private PendingWork() {}

    static boolean pending(PreparedContext prepared) {
        return prepared.driver.nextTimer().execute().asLong() >= 0;
    }

    /** @return true when nothing is pending any more (the context may be reused), false when cut off at the deadline */
    static boolean drain(PreparedContext prepared, Consumer<String> note, long deadlineNanos)
            throws InterruptedException {
        while (true) {
            long next = prepared.driver.nextTimer().execute().asLong();
            if (next < 0) {
                return true;
            }
            long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (next > remainingMillis) {
                note.accept("[error] pending work (timers, requests) was stopped at the action's time limit");
                return false;
            }
            if (next > 0) {
                Thread.sleep(next);
            }
            try {
                prepared.driver.fireTimers().execute();
            } catch (PolyglotException e) {
                if (!e.isGuestException() || e.isCancelled() || e.isResourceExhausted()) {
                    throw e;
                }
                note.accept("[error] Uncaught " + e.getMessage());
            }
        }
    }
}
