package dev.openactions.executor.events;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs tasks on a shared pool, one at a time per key and in submission order per key, different keys
 * concurrently. Batches of identity events overlap (the next poll runs while the previous one is
 * still settling), so a user's events of two batches must still run one after the other: each task
 * starts only when the previous task of its key has finished, whatever its outcome.
 */
final class UserOrderedExecutor {
    private final Executor pool;
    /** The last task submitted per key; removed when it finishes and nothing was chained after it. */
    private final ConcurrentMap<String, CompletableFuture<?>> tails = new ConcurrentHashMap<>();

    UserOrderedExecutor(Executor pool) {
        this.pool = pool;
    }

    <T> CompletableFuture<T> submit(String key, Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<?> tail = tails.compute(key, (k, previous) -> {
            CompletableFuture<?> before = previous == null ? CompletableFuture.completedFuture(null) : previous;
            // handle: the next task runs after a failed one too (failures are the task's to report)
            return before.handleAsync((ignored, failure) -> run(task, result), pool);
        });
        tail.whenComplete((ignored, failure) -> tails.remove(key, tail));
        return result;
    }

    private static <T> Void run(Supplier<T> task, CompletableFuture<T> result) {
        try {
            result.complete(task.get());
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        }
        return null;
    }

    /** Keys with a task queued or running (for tests and diagnostics). */
    int activeKeys() {
        return tails.size();
    }
}
