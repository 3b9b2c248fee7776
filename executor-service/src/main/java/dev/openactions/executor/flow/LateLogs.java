package dev.openactions.executor.flow;

import dev.openactions.executor.runtime.PendingLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Lines a synchronous trigger's action logged after the flow answered (its pending work: timers,
 * requests, their uncaught errors and unhandled rejections), for the action's run at index
 * {@code run} of the flow's result, redacted with that action's secrets like every other line.
 */
record LateLogs(int run, PendingLogs pending, Redactor redactor) {

    /** The result with every action's late lines appended to its logs, once all of them are known. */
    static CompletionStage<FlowResult> amend(FlowResult result, List<LateLogs> late) {
        CompletableFuture<?>[] all = late.stream()
                .map(l -> l.pending().lines().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all).thenApply(done -> {
            List<FlowResult.ActionRun> runs = new ArrayList<>(result.runs());
            for (LateLogs l : late) {
                List<String> lines = l.pending().lines().toCompletableFuture().join();
                if (lines.isEmpty()) {
                    continue;
                }
                FlowResult.ActionRun run = runs.get(l.run());
                FlowResult.ActionDetail detail = run.detail();
                List<String> logs = new ArrayList<>(detail.logs());
                lines.stream().map(l.redactor()::redact).forEach(logs::add);
                runs.set(
                        l.run(),
                        new FlowResult.ActionRun(
                                run.result(),
                                new FlowResult.ActionDetail(
                                        detail.versionId(),
                                        List.copyOf(logs),
                                        detail.errorMessage(),
                                        detail.errorStack(),
                                        detail.debug())));
            }
            return new FlowResult(
                    result.executionId(),
                    result.trigger(),
                    result.status(),
                    result.commands(),
                    result.effects(),
                    List.copyOf(runs),
                    result.continuation());
        });
    }
}
