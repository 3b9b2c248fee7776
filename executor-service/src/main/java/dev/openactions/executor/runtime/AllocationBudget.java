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
    private static final ThreadLocal<AtomicLong> EXEMPT = new ThreadLocal<>();

    private AllocationBudget() {}

    /** Whether this JVM can count bytes allocated per thread (otherwise the budget is not enforced). */
    static boolean supported() {
        return THREADS != null;
    }

    static long allocatedBy(long threadId) {
        return THREADS.getThreadAllocatedBytes(threadId);
    }

    /** Starts counting exemptions for the execution on the current thread; read them from the watchdog. */
    static AtomicLong begin() {
        AtomicLong exempt = new AtomicLong();
        EXEMPT.set(exempt);
        return exempt;
    }

    static void end() {
        EXEMPT.remove();
    }

    /** Runs platform work on the action's thread without charging its allocations to the action. */
    public static <T> T exempt(Supplier<T> platformWork) {
        AtomicLong exempt = EXEMPT.get();
        if (exempt == null || THREADS == null) {
            return platformWork.get();
        }
        long threadId = Thread.currentThread().threadId();
        long before = THREADS.getThreadAllocatedBytes(threadId);
        try {
            return platformWork.get();
        } finally {
            exempt.addAndGet(THREADS.getThreadAllocatedBytes(threadId) - before);
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
