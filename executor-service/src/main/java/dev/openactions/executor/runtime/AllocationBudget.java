package dev.openactions.executor.runtime;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Counts what an execution allocates on its thread against {@code executor.limits.allocation-bytes},
 * minus what the platform allocates on the action's behalf in the same thread: parsing the
 * platform's own JavaScript and the files of the version's npm bundle (GraalJS parses a large tree
 * such as node-ses's with hundreds of MB of short-lived garbage). The action's own code, including
 * the top-level code of the modules it requires, is counted.
 */
public final class AllocationBudget {
    private static final Logger LOG = Logger.getLogger(AllocationBudget.class);
    private static final ThreadMXBean THREADS = allocationCounter();
    private static final ThreadLocal<Exemptions> EXEMPT = new ThreadLocal<>();

    private AllocationBudget() {}

    /** Whether this JVM can count bytes allocated per thread (otherwise the budget is not enforced). */
    static boolean supported() {
        return THREADS != null;
    }

    static long allocatedBy(long threadId) {
        return THREADS.getThreadAllocatedBytes(threadId);
    }

    /** Starts counting exemptions for the execution on the current thread; the watchdog reads them. */
    static Exemptions begin() {
        Exemptions exemptions = new Exemptions();
        EXEMPT.set(exemptions);
        return exemptions;
    }

    static void end() {
        EXEMPT.remove();
    }

    /** Runs platform work on the action's thread without charging its allocations to the action. */
    public static <T> T exempt(Supplier<T> platformWork) {
        Exemptions exemptions = EXEMPT.get();
        if (exemptions == null || THREADS == null || exemptions.openedAt >= 0) {
            return platformWork.get(); // not counted, or inside an exemption already
        }
        long threadId = Thread.currentThread().threadId();
        long before = THREADS.getThreadAllocatedBytes(threadId);
        exemptions.openedAt = before;
        try {
            return platformWork.get();
        } finally {
            exemptions.total.addAndGet(THREADS.getThreadAllocatedBytes(threadId) - before);
            exemptions.openedAt = -1; // after the total: a reader that sees it closed sees the total too
        }
    }

    /**
     * What the platform allocated on an execution's behalf so far. While an exemption is open, the
     * watchdog counts the thread's bytes only up to where it opened: sampling in the middle of a
     * large parse must not charge the parse to the action.
     */
    static final class Exemptions {
        private final AtomicLong total = new AtomicLong();
        private volatile long openedAt = -1;

        /** Bytes the action itself allocated on {@code threadId} since {@code baseline}. */
        long chargedSince(long threadId, long baseline) {
            long open = openedAt;
            long allocated = open >= 0 ? open : THREADS.getThreadAllocatedBytes(threadId);
            return allocated - baseline - total.get();
        }
    }

    private static ThreadMXBean allocationCounter() {
        if (ManagementFactory.getThreadMXBean() instanceof ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported()) {
            bean.setThreadAllocatedMemoryEnabled(true);
            return bean;
        }
        LOG.warn("This JVM cannot count allocated bytes per thread: the allocation budget of actions is not enforced");
        return null;
    }
}
