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
import java.util.concurrent.atomic.AtomicReference;
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
    private final ApiCache cache;
    private final List<Source> platformSources;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "action-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    ActionSandbox(Engine engine, OutboundFetch fetch, ExecutorConfig config, ApiCache cache) {
        this.engine = engine;
        this.fetch = fetch;
        this.config = config;
        this.cache = cache;
        this.platformSources = List.of(platformSource("prelude"), platformSource("globals"), platformSource("modules"));
    }

    private static Source platformSource(String name) {
        return Source.newBuilder("js", resource("/runtime/" + name + ".js"), "openactions-" + name + ".js").cached(true).buildLiteral();
    }

    public ExecutionOutcome run(ActionCode action, String handler, String tenantId, String triggerId, String eventJson,
            Duration timeout) {
        AtomicReference<ExecutionOutcome.Failure.Kind> stoppedFor = new AtomicReference<>();
        AtomicInteger requests = new AtomicInteger();
        long started = System.nanoTime();
        try (Context context = newContext()) {
            ScheduledFuture<?> deadline = watchdog.schedule(() -> stop(context, stoppedFor, ExecutionOutcome.Failure.Kind.TIMEOUT),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
            ScheduledFuture<?> allocation = watchAllocation(context, stoppedFor);
            try {
                long deadlineNanos = started + timeout.toNanos();
                install(context, hostBindings(requests, cache.scope(tenantId, triggerId), deadlineNanos));
                Value factory = context.eval(moduleSource(action));
                Value js = context.getBindings("js");
                Value state = js.getMember("__openactions_run").execute(factory, handler, eventJson, triggerId);
                // Promise jobs ran when control returned from the call above. Timers are the event loop.
                while (!state.getMember("settled").asBoolean()) {
                    long next = js.getMember("__openactions_nextTimer").execute().asLong();
                    if (next < 0) {
                        break;
                    }
                    long remaining = timeout.toMillis() - (System.nanoTime() - started) / 1_000_000;
                    if (next > remaining) {
                        return timeoutFailure(timeout);
                    }
                    if (next > 0) {
                        Thread.sleep(next);
                    }
                    js.getMember("__openactions_fireTimers").execute();
                }
                String report = js.getMember("__openactions_report").execute(state).asString();
                return fromReport(report);
            } finally {
                deadline.cancel(false);
                allocation.cancel(false);
            }
        } catch (PolyglotException e) {
            if (stoppedFor.get() != null || e.isCancelled()) {
                return stoppedFor.get() == ExecutionOutcome.Failure.Kind.LIMIT
                        ? failure(ExecutionOutcome.Failure.Kind.LIMIT, "the action allocated more than " + config.limits().allocationBytes() + " bytes", null)
                        : timeoutFailure(timeout);
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
            // the context was closed underneath us by a watchdog
            if (stoppedFor.get() != null) {
                return stoppedFor.get() == ExecutionOutcome.Failure.Kind.LIMIT
                        ? failure(ExecutionOutcome.Failure.Kind.LIMIT, "the action allocated more than " + config.limits().allocationBytes() + " bytes", null)
                        : timeoutFailure(timeout);
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(ExecutionOutcome.Failure.Kind.ERROR, "the execution was interrupted", null);
        }
    }

    private static void stop(Context context, AtomicReference<ExecutionOutcome.Failure.Kind> stoppedFor, ExecutionOutcome.Failure.Kind why) {
        if (stoppedFor.compareAndSet(null, why)) {
            context.close(true);
        }
    }

    /**
     * GraalJS community has no per-context heap limit, so the executing thread's allocated bytes are
     * sampled instead and the context is cancelled past the budget: an allocation bomb ends that
     * execution, not the JVM.
     */
    private ScheduledFuture<?> watchAllocation(Context context, AtomicReference<ExecutionOutcome.Failure.Kind> stoppedFor) {
        if (THREADS == null) {
            return watchdog.schedule(() -> { }, 0, TimeUnit.MILLISECONDS);
        }
        long threadId = Thread.currentThread().threadId();
        long baseline = THREADS.getThreadAllocatedBytes(threadId);
        long budget = config.limits().allocationBytes();
        return watchdog.scheduleAtFixedRate(() -> {
            if (THREADS.getThreadAllocatedBytes(threadId) - baseline > budget) {
                stop(context, stoppedFor, ExecutionOutcome.Failure.Kind.LIMIT);
            }
        }, 10, 10, TimeUnit.MILLISECONDS);
    }

    private static final com.sun.management.ThreadMXBean THREADS = allocationCounter();

    private static com.sun.management.ThreadMXBean allocationCounter() {
        if (java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported()) {
            bean.setThreadAllocatedMemoryEnabled(true);
            return bean;
        }
        LOG.warn("This JVM cannot count allocated bytes per thread: the allocation budget of actions is not enforced");
        return null;
    }

    private ExecutionOutcome timeoutFailure(Duration timeout) {
        return failure(ExecutionOutcome.Failure.Kind.TIMEOUT, "the action did not finish within " + timeout.toMillis() + " ms", null);
    }

    /** The host side of one context: fetch, api.cache, crypto, URL parsing, limits. */
    private Map<String, Object> hostBindings(AtomicInteger requests, ApiCache.Scoped cacheScope, long deadlineNanos) {
        ProxyExecutable fetchBridge = args -> {
            if (requests.incrementAndGet() > config.fetch().maxRequests()) {
                return "{\"error\":\"more than " + config.fetch().maxRequests() + " requests in one execution\"}";
            }
            return fetch.fetch(args[0].asString(), Duration.ofNanos(deadlineNanos - System.nanoTime()));
        };
        return Map.of(
                "__host", ProxyObject.fromMap(Map.of(
                        "logLimitBytes", config.limits().logBytes(),
                        "fetch", fetchBridge,
                        "cache", ProxyObject.fromMap(Map.of(
                                "get", (ProxyExecutable) a -> cacheScope.get(a[0].asString()),
                                "set", (ProxyExecutable) a -> cacheScope.set(a[0].asString(), a[1].asString(), a[2].asString()),
                                "delete", (ProxyExecutable) a -> cacheScope.delete(a[0].asString()))))),
                "__hostCrypto", ProxyObject.fromMap(Map.of(
                        "hash", (ProxyExecutable) a -> HostCrypto.hash(a[0].asString(), a[1].asString()),
                        "hmac", (ProxyExecutable) a -> HostCrypto.hmac(a[0].asString(), a[1].asString(), a[2].asString()),
                        "random", (ProxyExecutable) a -> HostCrypto.random(a[0].asInt()))),
                "__hostUrl", ProxyObject.fromMap(Map.of(
                        "parse", (ProxyExecutable) a -> HostUrl.parse(a[0].asString(), a[1].isNull() ? null : a[1].asString()))));
    }

    /** Installs the host bindings and evaluates the platform's JavaScript (prelude, globals, modules). */
    private void install(Context context, Map<String, Object> bindings) {
        Value js = context.getBindings("js");
        bindings.forEach(js::putMember);
        for (Source source : platformSources) {
            context.eval(source);
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
                Map<String, Object> bindings = new java.util.HashMap<>(hostBindings(new AtomicInteger(Integer.MAX_VALUE - 1),
                        cache.scope("build", "build"), System.nanoTime() + timeout.toNanos()));
                install(context, bindings);
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
