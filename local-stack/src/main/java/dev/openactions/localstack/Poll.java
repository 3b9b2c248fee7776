package dev.openactions.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Waiting for something outside this JVM (a port, a health endpoint, an asynchronous build) by asking
 * again at an interval: the one polling loop of the launcher. A probe answers null for "not yet",
 * throws {@link Abort} for "never", and any other exception counts as "not yet" (the last one is
 * reported on time-out).
 */
public final class Poll {
    private Poll() {}

    /** Thrown by a probe when waiting longer cannot help (the process died, the build failed). */
    public static final class Abort extends IllegalStateException {
        public Abort(String message) {
            super(message);
        }
    }

    /** The condition did not hold in time. */
    public static final class TimedOut extends IllegalStateException {
        TimedOut(String message) {
            super(message);
        }
    }

    public static <T> T until(Duration timeout, Duration interval, String what, Supplier<T> probe) {
        Instant deadline = Instant.now().plus(timeout);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (Abort e) {
                throw e;
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
        throw new TimedOut("timed out waiting for " + what + (last == null ? "" : ": " + last.getMessage()));
    }
}
