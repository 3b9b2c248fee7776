package dev.openactions.executor.warmup;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How much this JVM has been compiling: HotSpot's JIT (C1/C2, which on this runtime also compiles the
 * Graal compiler that Truffle uses) and Truffle's compiler threads (the actions' and the platform's
 * JavaScript). The startup warm-up runs until this settles, because that, not a fixed time, is when a
 * replica reaches its steady throughput (BENCHMARKS.md, "time to steady state"). Not thread-safe: one
 * reader.
 */
final class JitActivity {
    /** Names of the threads on which Truffle compiles guest code (they come and go). */
    private static final String TRUFFLE_COMPILER_THREAD = "TruffleCompilerThread";

    private final CompilationMXBean hotspot = ManagementFactory.getCompilationMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long hotspotMillis = hotspotMillis();
    private Map<Long, Long> truffleCpu = truffleCpu();

    /**
     * Time spent compiling since the previous call (or since this object was made), summed over the
     * compiler threads: HotSpot's own account of its compilations plus the CPU time of Truffle's
     * compiler threads.
     */
    Duration sinceLastReading() {
        long hotspotNow = hotspotMillis();
        Map<Long, Long> truffleNow = truffleCpu();
        long truffleNanos = 0;
        for (Map.Entry<Long, Long> thread : truffleNow.entrySet()) {
            truffleNanos += Math.max(0, thread.getValue() - truffleCpu.getOrDefault(thread.getKey(), 0L));
        }
        Duration compiled =
                Duration.ofMillis(Math.max(0, hotspotNow - hotspotMillis)).plusNanos(truffleNanos);
        hotspotMillis = hotspotNow;
        truffleCpu = truffleNow;
        return compiled;
    }

    private long hotspotMillis() {
        return hotspot != null && hotspot.isCompilationTimeMonitoringSupported()
                ? hotspot.getTotalCompilationTime()
                : 0;
    }

    private Map<Long, Long> truffleCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        if (!threads.isThreadCpuTimeSupported()) {
            return cpu;
        }
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread != null && thread.getThreadName().startsWith(TRUFFLE_COMPILER_THREAD)) {
                long nanos = threads.getThreadCpuTime(thread.getThreadId());
                if (nanos >= 0) {
                    cpu.put(thread.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }
}
