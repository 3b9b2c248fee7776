package dev.openactions.executor.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.graalvm.polyglot.Context;
import org.jboss.logging.Logger;

/**
 * Enforces the time limit and the allocation budget of every running execution from one thread
 * that looks at all of them every {@link #TICK_MILLIS} ms.
 *
 * <p>Why not a timer per execution: scheduling a task on a {@code ScheduledThreadPoolExecutor} and
 * cancelling it again costs a lock, a heap insert and — whenever the new task becomes the queue's
 * head, as it does whenever one execution runs at a time — a wake-up of the timer thread, twice per
 * execution (deadline and allocation sampling). That was a measurable share of a warm execution of
 * a few microseconds (BENCHMARKS.md). Here an execution's cost is one set insert and one removal;
 * the price is that a limit is noticed up to one tick late, which the allocation sampling already
 * was.
 */
final class ExecutionWatchdog implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ExecutionWatchdog.class);
    static final long TICK_MILLIS = 10;

    /** Why an execution is stopped. */
    enum Reason {
        TIME_LIMIT,
        ALLOCATION_BUDGET
    }

    /** What happens to an execution past one of its limits (called on the watchdog's thread). */
    @FunctionalInterface
    interface Stopper {
        void stop(Context context, AtomicInteger state, Reason reason);
    }

    private final Set<Watch> running = ConcurrentHashMap.newKeySet();
    private final Stopper stopper;
    private final Thread thread;
    private volatile boolean closed;

    ExecutionWatchdog(Stopper stopper) {
        this.stopper = stopper;
        this.thread = Thread.ofPlatform().name("action-watchdog").daemon().start(this::watchUntilClosed);
    }

    /**
     * Starts watching the execution about to run on {@code context} on the current thread: stopped once {@code
     * deadlineNanos} ({@link System#nanoTime()}) has passed, and — when {@code allocationBudget} is
     * positive and the JVM counts allocations per thread — once this thread has allocated more than
     * that since now, minus what the platform did on the action's behalf ({@link AllocationBudget}).
     * Close the returned watch when the execution ends.
     */
    Watch watch(Context context, AtomicInteger state, long deadlineNanos, long allocationBudget) {
        boolean counted = allocationBudget > 0 && AllocationBudget.supported();
        long threadId = Thread.currentThread().threadId();
        Watch watch = new Watch(
                this,
                context,
                state,
                deadlineNanos,
                counted ? threadId : -1,
                counted ? AllocationBudget.allocatedBy(threadId) : 0,
                counted ? AllocationBudget.begin() : null,
                allocationBudget);
        running.add(watch);
        return watch;
    }

    /** Executions being watched now. */
    int watching() {
        return running.size();
    }

    private void watchUntilClosed() {
        while (!closed) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
            long now = System.nanoTime();
            for (Watch watch : running) {
                try {
                    Reason over = watch.overLimit(now);
                    if (over != null && running.remove(watch)) {
                        stopper.stop(watch.context, watch.state, over);
                    }
                } catch (RuntimeException e) {
                    // one execution's failure to stop must not end the watch over all the others
                    LOG.warnf("Stopping an execution past its limit failed: %s", e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        running.clear();
    }

    /** One watched execution; {@link #close()} it when the execution ends (idempotent). */
    static final class Watch implements AutoCloseable {
        private final ExecutionWatchdog watchdog;
        private final Context context;
        private final AtomicInteger state;
        private final long deadlineNanos;
        private final long threadId;
        private final long baseline;
        private final AllocationBudget.Exemptions exempt;
        private final long budget;

        private Watch(
                ExecutionWatchdog watchdog,
                Context context,
                AtomicInteger state,
                long deadlineNanos,
                long threadId,
                long baseline,
                AllocationBudget.Exemptions exempt,
                long budget) {
            this.watchdog = watchdog;
            this.context = context;
            this.state = state;
            this.deadlineNanos = deadlineNanos;
            this.threadId = threadId;
            this.baseline = baseline;
            this.exempt = exempt;
            this.budget = budget;
        }

        private Reason overLimit(long now) {
            if (now - deadlineNanos >= 0) {
                return Reason.TIME_LIMIT;
            }
            if (exempt != null && exempt.chargedSince(threadId, baseline) > budget) {
                return Reason.ALLOCATION_BUDGET;
            }
            return null;
        }

        @Override
        public void close() {
            watchdog.running.remove(this);
            if (exempt != null && Thread.currentThread().threadId() == threadId) {
                AllocationBudget.end();
            }
        }
    }
}
