package dev.openactions.executor.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UserOrderedExecutorTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final UserOrderedExecutor executor = new UserOrderedExecutor(pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void tasksOfOneKeyRunOneAtATimeInSubmissionOrder() {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            results.add(executor.submit("tenant/user-1", () -> {
                if (running.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                Thread.onSpinWait();
                order.add(n);
                running.decrementAndGet();
                return n;
            }));
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();
        assertThat(overlaps).hasValue(0);
        assertThat(order).isSorted().hasSize(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> executor.activeKeys() == 0);
    }

    @Test
    void differentKeysRunConcurrently() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        CompletableFuture<Boolean> first = executor.submit("a", () -> awaitLatch(bothStarted));
        CompletableFuture<Boolean> second = executor.submit("b", () -> awaitLatch(bothStarted));
        // each waits for the other to have started: only possible if they run at the same time
        assertThat(first.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aFailedTaskReportsItsFailureAndTheNextTaskOfTheKeyStillRuns() throws Exception {
        CompletableFuture<String> failing = executor.submit("k", () -> {
            throw new IllegalStateException("boom");
        });
        CompletableFuture<String> next = executor.submit("k", () -> "ran");
        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo("ran");
        assertThat(failing).isCompletedExceptionally();
    }

    private static boolean awaitLatch(CountDownLatch latch) {
        latch.countDown();
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
