package dev.openactions.executor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one watchdog thread that stops executions past their time limit or allocation budget. */
class ExecutionWatchdogTest {
    /** Far above what the test's own thread allocates between two ticks (class loading, assertions). */
    private static final long BUDGET = 16 * 1024 * 1024;

    private final List<ExecutionWatchdog.Reason> stops = new CopyOnWriteArrayList<>();
    private final ExecutionWatchdog watchdog = new ExecutionWatchdog((context, state, reason) -> {
        if (state.compareAndSet(0, 1)) {
            stops.add(reason);
            context.close(true);
        }
    });

    private final List<Context> contexts = new ArrayList<>();

    @AfterEach
    void closeWatchdog() {
        watchdog.close();
        for (Context context : contexts) {
            try {
                context.close(true);
            } catch (PolyglotException cancelled) {
                // closing a context the watchdog stopped reports the cancellation again
            }
        }
    }

    @Test
    void stopsAContextRunningPastItsDeadline() {
        Context context = context();
        AtomicInteger state = new AtomicInteger();
        long started = System.nanoTime();
        try (var watch = watchdog.watch(context, state, started + TimeUnit.MILLISECONDS.toNanos(100), 0)) {
            assertThatThrownBy(() -> context.eval("js", "while (true) {}"))
                    .isInstanceOfSatisfying(
                            PolyglotException.class,
                            e -> assertThat(e.isCancelled()).isTrue());
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(stops).containsExactly(ExecutionWatchdog.Reason.TIME_LIMIT);
        assertThat(tookMillis).isGreaterThanOrEqualTo(100);
        assertThat(watchdog.watching()).isZero();
    }

    @Test
    void stopsAnExecutionThatAllocatesPastItsBudget() throws InterruptedException {
        AtomicInteger state = new AtomicInteger();
        byte[][] kept = new byte[64][];
        try (var watch = watchdog.watch(context(), state, System.nanoTime() + TimeUnit.SECONDS.toNanos(30), BUDGET)) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (int i = 0; state.get() == 0 && System.nanoTime() < until; i++) {
                kept[i % kept.length] = new byte[1024 * 1024]; // 1 MB at a time, far past the budget
                Thread.sleep(1);
            }
        }
        assertThat(kept[0]).isNotNull();
        assertThat(stops).containsExactly(ExecutionWatchdog.Reason.ALLOCATION_BUDGET);
    }

    @Test
    void platformWorkDoesNotCountAgainstTheBudget() throws InterruptedException {
        AtomicInteger state = new AtomicInteger();
        byte[][] kept;
        try (var watch = watchdog.watch(context(), state, System.nanoTime() + TimeUnit.SECONDS.toNanos(30), BUDGET)) {
            kept = AllocationBudget.exempt(() -> {
                byte[][] arrays = new byte[64][];
                for (int i = 0; i < arrays.length; i++) {
                    arrays[i] = new byte[1024 * 1024]; // 64 MB on the action's behalf
                }
                return arrays;
            });
            // five ticks of the watchdog pass with the 64 MB already allocated
            await().during(Duration.ofMillis(ExecutionWatchdog.TICK_MILLIS * 5))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> state.get() == 0);
        }
        assertThat(kept.length).isEqualTo(64);
        assertThat(stops).isEmpty();
        assertThat(state).hasValue(0);
    }

    @Test
    void aClosedWatchIsNeverStopped() throws InterruptedException {
        AtomicInteger state = new AtomicInteger();
        Context context = context();
        watchdog.watch(context, state, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20), 0)
                .close();
        assertThat(watchdog.watching()).isZero();
        // past the deadline it was given, and five ticks more
        await().during(Duration.ofMillis(20 + ExecutionWatchdog.TICK_MILLIS * 5))
                .atMost(Duration.ofSeconds(2))
                .until(stops::isEmpty);
        assertThat(context.eval("js", "1 + 1").asInt()).isEqualTo(2);
        assertThat(stops).isEmpty();
    }

    private Context context() {
        Context context = Context.create("js");
        contexts.add(context);
        return context;
    }
}
