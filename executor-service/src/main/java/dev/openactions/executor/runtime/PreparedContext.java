package dev.openactions.executor.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * A context with the platform's JavaScript evaluated and one action module loaded, plus handles to
 * the driver functions. {@link #binding} points the host functions (and the command channel) at the
 * execution in progress.
 */
final class PreparedContext implements AutoCloseable {
    final Context context;
    final ExecutionBinding binding;
    final Driver driver;
    /** What else happens, once, when the context is closed (the pool's count of live contexts). */
    private Runnable onClose;

    private boolean closed;

    PreparedContext(Context context, ExecutionBinding binding, Driver driver) {
        this.context = context;
        this.binding = binding;
        this.driver = driver;
    }

    /**
     * The platform's driver functions, taken from the context right after the platform's JavaScript
     * ran and before any action code: the globals that carried them are gone by the time the module
     * loads, so an action can neither call nor replace them.
     */
    record Driver(Value load, Value run, Value check, Value nextTimer, Value fireTimers) {
        static Driver of(Value driver) {
            return new Driver(
                    driver.getMember("load"),
                    driver.getMember("run"),
                    driver.getMember("check"),
                    driver.getMember("nextTimer"),
                    driver.getMember("fireTimers"));
        }
    }

    synchronized void onClose(Runnable action) {
        this.onClose = action;
    }

    @Override
    public void close() {
        Runnable then;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            then = onClose;
        }
        try {
            context.close(true);
        } catch (RuntimeException alreadyClosed) {
            // closed by a watchdog
        } finally {
            if (then != null) {
                then.run();
            }
        }
    }

    /** The per-execution state the host functions of a context read: request count, cache scope, deadline, channel. */
    static final class ExecutionBinding {
        volatile AtomicInteger requests = new AtomicInteger();
        volatile ApiCache.Scoped cache;
        volatile long deadlineNanos;
        volatile HostChannel channel;
        /** The hosts the current execution may fetch beyond the SSRF rules' verdict (null: not restricted). */
        volatile OutboundHosts outboundHosts;

        void begin(ApiCache.Scoped cacheScope, long deadline, HostChannel executionChannel) {
            begin(cacheScope, deadline, executionChannel, null);
        }

        void begin(ApiCache.Scoped cacheScope, long deadline, HostChannel executionChannel, OutboundHosts hosts) {
            this.requests = new AtomicInteger();
            this.cache = cacheScope;
            this.deadlineNanos = deadline;
            this.channel = executionChannel;
            this.outboundHosts = hosts;
        }
    }
}
