package dev.openactions.executor.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.executor.config.ExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.jboss.logging.Logger;

/**
 * Runs one action in a fresh, constrained GraalJS context: no host classes, no files, no processes,
 * no environment. The only things that cross the boundary are JSON strings (the event in; commands
 * and logs out) and the fetch bridge. A watchdog cancels the context when the action's time is up,
 * so an endless loop ends that execution and nothing else.
 */
@ApplicationScoped
public class ActionSandbox {
    private static final Logger LOG = Logger.getLogger(ActionSandbox.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Engine engine;
    private final OutboundFetch fetch;
    private final ExecutorConfig config;
    private final Source prelude;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "action-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    ActionSandbox(Engine engine, OutboundFetch fetch, ExecutorConfig config) {
        this.engine = engine;
        this.fetch = fetch;
        this.config = config;
        this.prelude = Source.newBuilder("js", resource("/runtime/prelude.js"), "openactions-prelude.js").cached(true).buildLiteral();
    }

    public ExecutionOutcome run(ActionCode action, String handler, String triggerId, String eventJson, Duration timeout) {
        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicInteger requests = new AtomicInteger();
        try (Context context = newContext()) {
            ScheduledFuture<?> deadline = watchdog.schedule(() -> {
                timedOut.set(true);
                context.close(true);
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                context.getBindings("js").putMember("__host", ProxyObject.fromMap(Map.of(
                        "logLimitBytes", config.limits().logBytes(),
                        "fetch", (ProxyExecutable) args -> {
                            if (requests.incrementAndGet() > config.fetch().maxRequests()) {
                                return "{\"error\":\"more than " + config.fetch().maxRequests() + " requests in one execution\"}";
                            }
                            return fetch.fetch(args[0].asString());
                        })));
                context.eval(prelude);
                Value factory = context.eval(moduleSource(action));
                Value state = context.getBindings("js").getMember("__openactions_run")
                        .execute(factory, handler, eventJson, triggerId);
                // The promise jobs ran when control returned from the call above; read the result.
                String report = context.getBindings("js").getMember("__openactions_report").execute(state).asString();
                return fromReport(report);
            } finally {
                deadline.cancel(false);
            }
        } catch (PolyglotException e) {
            if (timedOut.get() || e.isCancelled()) {
                return failure(ExecutionOutcome.Failure.Kind.TIMEOUT, "the action did not finish within " + timeout.toMillis() + " ms", null);
            }
            if (e.isResourceExhausted()) {
                return failure(ExecutionOutcome.Failure.Kind.LIMIT, "the action exceeded a resource limit", null);
            }
            if (e.isGuestException() || e.isSyntaxError()) {
                return failure(ExecutionOutcome.Failure.Kind.ERROR, e.getMessage(), guestStack(e));
            }
            LOG.errorf(e, "Internal error while running action %s", action.actionId());
            return failure(ExecutionOutcome.Failure.Kind.ERROR, "internal error in the action runtime", null);
        } catch (IllegalStateException e) {
            // Context closed underneath us by the watchdog.
            if (timedOut.get()) {
                return failure(ExecutionOutcome.Failure.Kind.TIMEOUT, "the action did not finish within " + timeout.toMillis() + " ms", null);
            }
            throw e;
        }
    }

    /**
     * Loads the code the way an execution does (top-level code runs, under the same time limit) and
     * checks the handler export. Syntax errors carry the line and column in the action's own code.
     */
    public BuildReport check(ActionCode action, String handler, Duration timeout) {
        AtomicBoolean timedOut = new AtomicBoolean();
        try (Context context = newContext()) {
            ScheduledFuture<?> deadline = watchdog.schedule(() -> {
                timedOut.set(true);
                context.close(true);
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                context.getBindings("js").putMember("__host", ProxyObject.fromMap(Map.of(
                        "logLimitBytes", config.limits().logBytes(),
                        "fetch", (ProxyExecutable) args -> "{\"error\":\"fetch is not available while building\"}")));
                context.eval(prelude);
                Value factory = context.eval(moduleSource(action));
                JsonNode result = JSON.readTree(context.getBindings("js").getMember("__openactions_check").execute(factory, handler).asString());
                return result.path("ok").asBoolean()
                        ? BuildReport.ok()
                        : BuildReport.failed(result.path("id").asText(), result.path("message").asText(), null, null);
            } finally {
                deadline.cancel(false);
            }
        } catch (PolyglotException e) {
            if (timedOut.get() || e.isCancelled()) {
                return BuildReport.failed("top_level_error", "top-level code did not finish within " + timeout.toMillis() + " ms", null, null);
            }
            if (e.isSyntaxError() && e.getSourceLocation() != null) {
                var location = e.getSourceLocation();
                int line = location.getStartLine();
                int column = location.getStartColumn() - (line == 1 ? MODULE_PREFIX.length() : 0);
                return BuildReport.failed("syntax_error", e.getMessage(), line, Math.max(column, 1));
            }
            return BuildReport.failed(e.isSyntaxError() ? "syntax_error" : "top_level_error", e.getMessage(), null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String MODULE_PREFIX = "(function (exports, module, require) {";

    /** The action as a CommonJS module factory; the prefix shares line 1, so line numbers match the code. */
    private static Source moduleSource(ActionCode action) {
        return Source.newBuilder("js", MODULE_PREFIX + action.code() + "\n})", action.sourceName()).cached(true).buildLiteral();
    }

    private Context newContext() {
        return Context.newBuilder("js")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.graal-builtin", "false")
                .build();
    }

    private static ExecutionOutcome fromReport(String report) {
        try {
            JsonNode node = JSON.readTree(report);
            List<ExecutionOutcome.Command> commands = new ArrayList<>();
            node.path("commands").forEach(c -> commands.add(new ExecutionOutcome.Command(c.path("type").asText(), c.path("args"))));
            List<String> logs = new ArrayList<>();
            node.path("logs").forEach(l -> logs.add(l.asText()));
            ExecutionOutcome.Failure failure = null;
            if (!node.path("error").isNull() && node.has("error")) {
                failure = new ExecutionOutcome.Failure(ExecutionOutcome.Failure.Kind.ERROR, node.path("error").path("message").asText(),
                        node.path("error").path("stack").isNull() ? null : node.path("error").path("stack").asText());
            } else if (!node.path("settled").asBoolean()) {
                failure = new ExecutionOutcome.Failure(ExecutionOutcome.Failure.Kind.ERROR,
                        "the handler's promise never settled (is something awaiting a callback that never comes?)", null);
            }
            String stoppedBy = node.path("stopped").isNull() ? null : node.path("stopped").asText(null);
            return new ExecutionOutcome(commands, stoppedBy, logs, node.path("logsTruncated").asBoolean(), failure);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable execution report", e);
        }
    }

    private static String guestStack(PolyglotException e) {
        StringBuilder stack = new StringBuilder();
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (frame.isGuestFrame() && frame.getSourceLocation() != null
                    && frame.getSourceLocation().getSource().getName().startsWith("action:")) {
                stack.append("    at ").append(frame).append('\n');
            }
        }
        return stack.isEmpty() ? null : stack.toString();
    }

    private static ExecutionOutcome failure(ExecutionOutcome.Failure.Kind kind, String message, String stack) {
        return new ExecutionOutcome(List.of(), null, List.of(), false, new ExecutionOutcome.Failure(kind, message, stack));
    }

    private static String resource(String path) {
        try (InputStream in = ActionSandbox.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the executor's classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void shutdown(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        watchdog.shutdownNow();
    }
}
