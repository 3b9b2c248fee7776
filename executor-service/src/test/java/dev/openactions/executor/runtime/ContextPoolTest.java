package dev.openactions.executor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openactions.executor.config.ExecutorConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Idle contexts per version, and the short wait for a busy one once a version has as many as it keeps. */
class ContextPoolTest {
    private static final String KEY = "tenant/action@1";
    private final List<PreparedContext> created = new ArrayList<>();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @AfterEach
    void closeContexts() {
        created.forEach(PreparedContext::close);
    }

    @Test
    void aVersionBelowItsBoundIsToldToPrepareAtOnce() throws Exception {
        ContextPool pool = pool(2, "5s");
        assertThat(pool.borrow(KEY)).isNull(); // never seen
        pool.adopt(KEY, context());

        long started = System.nanoTime();
        assertThat(pool.borrow(KEY)).isNull(); // one alive, two allowed: prepare another
        assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void aVersionAtItsBoundWaitsForABusyContextToComeBack() throws Exception {
        ContextPool pool = pool(1, "5s");
        PreparedContext busy = context();
        pool.adopt(KEY, busy);

        CompletableFuture<PreparedContext> borrower = waitingBorrower(pool);
        assertThat(borrower).isNotDone();
        pool.giveBack(KEY, busy);

        assertThat(borrower.get(5, TimeUnit.SECONDS)).isSameAs(busy);
        assertThat(pool.idleCount()).isZero();
        assertThat(metrics.get("executor.context_pool.waits")
                        .tag("outcome", "got_one")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(metrics.get("executor.context_pool.prepared").counter().count())
                .isEqualTo(1);
    }

    @Test
    void theWaitIsBoundedThenTheBorrowerPreparesOneMore() throws Exception {
        ContextPool pool = pool(1, "50ms");
        pool.adopt(KEY, context());

        long started = System.nanoTime();
        assertThat(pool.borrow(KEY)).isNull();
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(metrics.get("executor.context_pool.waits")
                        .tag("outcome", "prepared_one")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aClosedContextFreesItsPlaceForAWaitingBorrower() throws Exception {
        ContextPool pool = pool(1, "5s");
        PreparedContext stopped = context();
        pool.adopt(KEY, stopped);

        CompletableFuture<PreparedContext> borrower = waitingBorrower(pool);
        stopped.close(); // e.g. stopped by the watchdog: never given back

        assertThat(borrower.get(2, TimeUnit.SECONDS)).isNull(); // prepare a new one now, not after 5 s
    }

    @Test
    void contextsBeyondTheBoundAreClosedWhenTheyComeBack() throws Exception {
        ContextPool pool = pool(1, "0ms");
        PreparedContext first = context();
        PreparedContext surplus = context();
        pool.adopt(KEY, first);
        pool.adopt(KEY, surplus);

        pool.giveBack(KEY, first);
        pool.giveBack(KEY, surplus);

        assertThat(pool.idleCount()).isEqualTo(1);
        assertThat(pool.borrow(KEY)).isSameAs(first);
        assertThat(isClosed(surplus)).isTrue();
    }

    /** A borrow on another thread, still waiting 100 ms later (the version is at its bound, nothing came back). */
    private static CompletableFuture<PreparedContext> waitingBorrower(ContextPool pool) {
        CompletableFuture<PreparedContext> borrower = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.borrow(KEY);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2)).until(() -> !borrower.isDone());
        return borrower;
    }

    private PreparedContext context() {
        PreparedContext context = new PreparedContext(Context.create("js"), null, null);
        created.add(context);
        return context;
    }

    private static boolean isClosed(PreparedContext prepared) {
        try {
            prepared.context.eval("js", "1");
            return false;
        } catch (IllegalStateException | PolyglotException closed) {
            return true; // closed, or cancelled by close(true)
        }
    }

    private ContextPool pool(int maxPerVersion, String borrowWait) {
        ExecutorConfig config = new SmallRyeConfigBuilder()
                .withMapping(ExecutorConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValue("executor.pool.max-idle-per-version", String.valueOf(maxPerVersion))
                .withDefaultValue("executor.pool.borrow-wait", borrowWait)
                .build()
                .getConfigMapping(ExecutorConfig.class);
        return new ContextPool(config, metrics);
    }
}
