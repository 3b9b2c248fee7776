package dev.openactions.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opt-in diagnostic of the fixed-rate phase: every request slower than a threshold, with the wall-clock
 * time it was meant to be sent, written to a file to line up with the server's GC and safepoint log
 * ({@code -Xlog:gc*,safepoint:file=…:time,uptime}). A percentile says how many requests were slow; this
 * says when, which is what tells a GC pause from a connection burst from a compilation. Enabled with
 * {@code BENCH_LOADGEN_FLAGS="-Dbench.slowLog=FILE"} (threshold {@code -Dbench.slowLogMillis}, 3 ms).
 */
final class SlowRequestLog {
    private static final String FILE = System.getProperty("bench.slowLog");
    private static final long THRESHOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(Long.getLong("bench.slowLogMillis", 3));

    private final List<long[]> slow = new ArrayList<>();

    static boolean enabled() {
        return FILE != null;
    }

    /** Called by each sending thread; cheap when the request was fast. */
    void record(long intendedNanos, long latencyNanos) {
        if (latencyNanos > THRESHOLD_NANOS) {
            synchronized (slow) {
                slow.add(new long[] {intendedNanos, latencyNanos});
            }
        }
    }

    /** Writes "start <instant>" and one "<intended instant> <latency µs>" line per slow request. */
    void write(long startNanos) throws IOException {
        long nanosToEpoch = System.currentTimeMillis() * 1_000_000 - System.nanoTime();
        StringBuilder out = new StringBuilder("start ")
                .append(instant(startNanos, nanosToEpoch))
                .append('\n');
        synchronized (slow) {
            for (long[] request : slow) {
                out.append(instant(request[0], nanosToEpoch))
                        .append(' ')
                        .append(request[1] / 1000)
                        .append('\n');
            }
        }
        Files.writeString(Path.of(FILE), out);
    }

    private static Instant instant(long nanos, long nanosToEpoch) {
        long epochNanos = nanos + nanosToEpoch;
        return Instant.ofEpochSecond(epochNanos / 1_000_000_000, epochNanos % 1_000_000_000);
    }
}
