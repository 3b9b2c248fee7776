package dev.openactions.executor.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * A context with the platform's JavaScript evaluated and one action module loaded, plus handles to
 * the driver functions. {@link #binding} points the host functions at the execution in progress.
 */
final class PreparedContext implements AutoCloseable {
    final Context context;
    final ExecutionBinding binding;
    final Value run;
    final Value nextTimer;
    final Value fireTimers;
    final Value report;

    PreparedContext(Context context, ExecutionBinding binding) {
        this.context = context;
        this.binding = binding;
        Value js = context.getBindings("js");
        this.run = js.getMember("__openactions_run");
        this.nextTimer = js.getMember("__openactions_nextTimer");
        this.fireTimers = js.getMember("__openactions_fireTimers");
        this.report = js.getMember("__openactions_report");
    }

    @Override
    public void close() {
        try {
            context.close(true);
        } catch (RuntimeException alreadyClosed) {
            // closed by a watchdog
        }
    }

    /** The per-execution state the host functions of a context read: request count, cache scope, deadline. */
    static final class ExecutionBinding {
        volatile AtomicInteger requests = new AtomicInteger();
        volatile ApiCache.Scoped cache;
        volatile long deadlineNanos;

        void begin(ApiCache.Scoped cacheScope, long deadline) {
            this.requests = new AtomicInteger();
            this.cache = cacheScope;
            this.deadlineNanos = deadline;
        }
    }
}
