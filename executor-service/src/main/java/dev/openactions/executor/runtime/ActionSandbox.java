package dev.openactions.executor.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.TriggerId;
import dev.openactions.executor.config.ExecutorConfig;
import dev.openactions.executor.flow.commands.CommandCheck;
import dev.openactions.executor.flow.commands.CommandLimits;
import dev.openactions.executor.flow.commands.TriggerCommands;
import dev.openactions.executor.runtime.coverage.Recording;
import dev.openactions.executor.runtime.npm.LoadedBundle;
import dev.openactions.executor.runtime.npm.NpmRuntime;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
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
 * Runs actions in constrained GraalJS contexts: no host classes, no files, no processes, no
 * environment. Only strings cross the boundary: the event in as JSON; each command, console line and
 * the handler's end out through the execution's {@link HostChannel} as they happen (the host checks
 * every command against the trigger's descriptor before keeping it); plus the host functions for
 * fetch, api.cache, crypto and URL parsing. The platform's JavaScript runs on primordials captured
 * before action code, and its driver functions leave {@code globalThis} before the module loads
 * (ADR 11). A context is prepared once per action version and reused (module scope carries over, as
 * on Auth0); a context whose execution was stopped by a watchdog (time or allocation) is discarded.
 */
@ApplicationScoped
public class ActionSandbox {
    private static final Logger LOG = Logger.getLogger(ActionSandbox.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODULE_PREFIX = "(function (exports, module, require) {";
    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int TIMED_OUT = 2;
    private static final int OVER_BUDGET = 3;
    /** ended by a host limit while the handler was still running: the context is not reused */
    private static final int ABANDONED = 4;
    /** a synchronous execution answered; its pending work continues on a background thread */
    private static final int HANDED_OFF = 5;

    private final Engine engine;
    private final OutboundFetch fetch;
    private final ExecutorConfig config;
    private final ApiCache cache;
    private final ContextPool pool;
    private final List<Source> platformSources;
    private final ExecutionWatchdog watchdog = new ExecutionWatchdog(ActionSandbox::stop);
    /**
     * The platform's JavaScript, in evaluation order: primordials first (before anything can be
     * replaced), the prelude last (it captures what globals and modules define). Every global they
     * leave behind for one another ({@code __openactions_*}, {@code __host*}) is removed afterwards.
     */
    private static final List<String> PLATFORM_SCRIPTS =
            List.of("primordials", "globals", "modules", "prelude", "web-fetch");

    private static final List<String> PLATFORM_HAND_OVERS = List.of(
            "__openactions_primordials",
            "__openactions_codec",
            "__openactions_internal",
            "__openactions_driver",
            "__host",
            "__hostCrypto",
            "__hostUrl");
    private static final String CONTINUE_HANDLER = "onContinuePostLogin";
    /** How long past the action's deadline a record waits for its pending work's lines (the watchdog stops it at the deadline). */
    private static final Duration PENDING_LOGS_GRACE = Duration.ofSeconds(2);
    /** Pending work of synchronous executions after their response (bounded: beyond it, contexts are dropped). */
    private final ExecutorService pendingWork = newPendingWorkExecutor();
    /** Test runs that measure coverage run on this engine instead (field-injected: the benchmarks build the sandbox without it). */
    @Inject
    CoverageEngine coverageEngine;

    ActionSandbox(Engine engine, OutboundFetch fetch, ExecutorConfig config, ApiCache cache, ContextPool pool) {
        this.engine = engine;
        this.fetch = fetch;
        this.config = config;
        this.cache = cache;
        this.pool = pool;
        this.platformSources =
                PLATFORM_SCRIPTS.stream().map(ActionSandbox::platformSource).toList();
    }

    /**
     * Runs {@code handler} of a deployed action version (reusing a prepared context when one is idle)
     * or of a draft ({@code versionNumber} 0: always a fresh context).
     */
    public ExecutionOutcome run(
            ActionCode action, String handler, String tenantId, String triggerId, String eventJson, Duration timeout) {
        return run(
                action,
                handler,
                tenantId,
                triggerId,
                eventJson,
                timeout,
                new CommandCheck(
                        TriggerCommands.forId(triggerId),
                        CommandLimits.of(config.limits()),
                        CONTINUE_HANDLER.equals(handler),
                        null));
    }

    /**
     * As {@link #run(ActionCode, String, String, String, String, Duration)}, with the check its commands
     * go through (the flow runner's, which knows what earlier actions of the flow already set).
     */
    public ExecutionOutcome run(
            ActionCode action,
            String handler,
            String tenantId,
            String triggerId,
            String eventJson,
            Duration timeout,
            CommandCheck commandCheck) {
        return run(
                action,
                handler,
                tenantId,
                triggerId,
                eventJson,
                timeout,
                commandCheck,
                engine,
                action.versionNumber() > 0,
                true);
    }

    /**
     * As {@link #run(ActionCode, String, String, String, String, Duration, CommandCheck)}, measuring
     * which lines of the action's own code ran: on the coverage engine (where the instrument is), in a
     * fresh context that is never reused, with the action's source parsed anew so that the instrument
     * hears all of its statements load. Limits, host functions and checks are those of any run.
     */
    public ExecutionOutcome runMeasuringCoverage(
            ActionCode action,
            String handler,
            String tenantId,
            String triggerId,
            String eventJson,
            Duration timeout,
            CommandCheck commandCheck) {
        try (Recording recording = Recording.start(action.sourceName(), MODULE_PREFIX.length())) {
            ExecutionOutcome outcome = run(
                    action,
                    handler,
                    tenantId,
                    triggerId,
                    eventJson,
                    timeout,
                    commandCheck,
                    coverageEngine.engine(),
                    false,
                    false);
            return outcome.withCoverage(recording.lines());
        }
    }

    private ExecutionOutcome run(
            ActionCode action,
            String handler,
            String tenantId,
            String triggerId,
            String eventJson,
            Duration timeout,
            CommandCheck commandCheck,
            Engine onEngine,
            boolean reusable,
            boolean cachedSource) {
        String key = tenantId + "/" + action.actionId() + "@" + action.versionNumber() + "#"
                + action.code().hashCode()
                + (action.bundle() == null ? "" : "+" + action.bundle().hash());
        AtomicInteger state = new AtomicInteger(RUNNING);
        long started = System.nanoTime();
        PreparedContext prepared;
        try {
            prepared = reusable ? pool.borrow(key) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(ExecutionOutcome.Failure.Kind.ERROR, "the execution was interrupted", null);
        }
        Context context = prepared != null ? prepared.context : newContext(onEngine);
        // The watchdog covers preparing too: top-level code of a new version runs under the same limits.
        ExecutionWatchdog.Watch watch = watchdog.watch(
                context, state, started + timeout.toNanos(), config.limits().allocationBytes());
        try {
            if (prepared == null) {
                prepared = prepare(context, action, cachedSource);
                if (reusable) {
                    pool.adopt(key, prepared);
                }
            }
            HostChannel channel = new HostChannel(commandCheck, config.limits().logBytes());
            prepared.binding.begin(
                    cache.scope(tenantId, triggerId),
                    started + timeout.toNanos(),
                    channel,
                    OutboundHosts.of(action.outboundHosts()));
            ExecutionOutcome outcome =
                    execute(prepared, channel, handler, triggerId, eventJson, timeout, started, state);
            // Pending work after the handler (see PendingWork): asynchronous triggers waited for it in execute;
            // synchronous ones answer now and leave it running on this context in the background until it ends;
            // what it logs reaches the execution record through the outcome's pending logs.
            if (state.get() == RUNNING
                    && !outcome.failed()
                    && reusable
                    && !asynchronous(triggerId)
                    && PendingWork.pending(prepared)) {
                long deadlineNanos = started + timeout.toNanos();
                PendingLogs late = PendingLogs.until(
                        Duration.ofNanos(deadlineNanos - System.nanoTime()).plus(PENDING_LOGS_GRACE));
                if (handOff(prepared, key, channel, late, deadlineNanos, state)) {
                    prepared = null; // the background owns the context now
                    return outcome.withPendingLogs(late);
                }
            }
            return outcome;
        } catch (PolyglotException e) {
            return failureOf(e, state, timeout, action);
        } catch (IllegalStateException e) {
            if (state.get() >= TIMED_OUT) {
                return stopped(state, timeout);
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(ExecutionOutcome.Failure.Kind.ERROR, "the execution was interrupted", null);
        } finally {
            watch.close();
            boolean clean = state.compareAndSet(RUNNING, FINISHED);
            if (state.get() == HANDED_OFF) {
                // continues in the background (pending work); returned to the pool when it has ended
            } else if (reusable && clean && prepared != null) {
                pool.giveBack(key, prepared);
            } else if (prepared != null) {
                prepared.close();
            } else {
                closeQuietly(context);
            }
        }
    }

    private ExecutionOutcome execute(
            PreparedContext prepared,
            HostChannel channel,
            String handler,
            String triggerId,
            String eventJson,
            Duration timeout,
            long started,
            AtomicInteger state)
            throws InterruptedException {
        try {
            prepared.driver.run().execute(handler, eventJson, triggerId, channel.epoch());
            // Promise jobs ran when control returned from the call above. Timers are the event loop.
            while (!channel.settled() && !channel.failedFatally()) {
                long next = prepared.driver.nextTimer().execute().asLong();
                if (next < 0) {
                    break;
                }
                long remaining = timeout.toMillis() - (System.nanoTime() - started) / 1_000_000;
                if (next > remaining) {
                    state.compareAndSet(RUNNING, TIMED_OUT); // not reused: its timers are still pending
                    return timeoutFailure(timeout);
                }
                if (next > 0) {
                    Thread.sleep(next);
                }
                prepared.driver.fireTimers().execute();
            }
        } catch (PolyglotException e) {
            if (state.get() != RUNNING || e.isCancelled() || e.isResourceExhausted() || !e.isGuestException()) {
                throw e;
            }
            // an error the driver did not catch: an unhandled rejection or a throwing callback
            channel.uncaught(e.getMessage(), guestStack(e));
        }
        if (!channel.settled() && channel.failedFatally()) {
            state.compareAndSet(RUNNING, ABANDONED);
            return channel.outcome();
        }
        // An asynchronous trigger's execution ends when the work its handler left behind has ended, as
        // Node's event loop does; errors of that work are logged, the outcome stays the handler's.
        if (asynchronous(triggerId) && channel.settled() && !channel.failed()) {
            if (!PendingWork.drain(prepared, channel::note, started + timeout.toNanos())) {
                state.compareAndSet(RUNNING, TIMED_OUT); // not reused: its pending work was cut off
            }
        }
        return channel.outcome();
    }

    private static boolean asynchronous(String triggerId) {
        return ASYNC_TRIGGERS.contains(triggerId);
    }

    /** Ids of the asynchronous triggers, asked once or twice per execution. */
    private static final Set<String> ASYNC_TRIGGERS = Arrays.stream(TriggerId.values())
            .filter(t -> t.kind() == TriggerId.Kind.ASYNC)
            .map(TriggerId::id)
            .collect(Collectors.toUnmodifiableSet());

    /**
     * Runs a synchronous execution's pending work on a background thread, under the rest of the
     * action's time; the context goes back to the pool only once that work has ended.
     */
    private boolean handOff(
            PreparedContext prepared,
            String key,
            HostChannel channel,
            PendingLogs late,
            long deadlineNanos,
            AtomicInteger executionState) {
        if (!executionState.compareAndSet(RUNNING, HANDED_OFF)) {
            return false;
        }
        int answered = channel.lineCount(); // lines after this one were logged after the response
        try {
            pendingWork.execute(() -> {
                AtomicInteger state = new AtomicInteger(RUNNING);
                ExecutionWatchdog.Watch deadline = watchdog.watch(prepared.context, state, deadlineNanos, 0);
                boolean finished = false;
                try {
                    finished = PendingWork.drain(prepared, channel::note, deadlineNanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    channel.note("[error] pending work was stopped: the executor is shutting down");
                } catch (RuntimeException e) {
                    LOG.debugf("Pending work of %s stopped: %s", key, e.getMessage());
                    channel.note(
                            state.get() == TIMED_OUT
                                    ? "[error] pending work (timers, requests) was stopped at the action's time limit"
                                    : "[error] pending work was stopped by the runtime");
                } finally {
                    deadline.close();
                    late.complete(channel.linesFrom(answered));
                    if (finished && state.compareAndSet(RUNNING, FINISHED)) {
                        pool.giveBack(key, prepared);
                    } else {
                        prepared.close();
                    }
                }
            });
            return true;
        } catch (RejectedExecutionException busy) {
            prepared.close(); // too much pending work already: this context's is dropped
            late.complete(List.of("[error] pending work was dropped: too much pending work on this replica"));
            return true;
        }
    }

    private static ExecutorService newPendingWorkExecutor() {
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), r -> {
                    Thread thread = new Thread(r, "action-pending-work");
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private static void closeQuietly(Context context) {
        try {
            context.close(true);
        } catch (RuntimeException alreadyClosed) {
            // closed by a watchdog
        }
    }

    /** A fresh context with the platform JavaScript evaluated and the action module loaded. */
    private PreparedContext prepare(Context context, ActionCode action, boolean cachedSource) {
        PreparedContext.ExecutionBinding binding = new PreparedContext.ExecutionBinding();
        PreparedContext.Driver driver = install(context, hostBindings(binding));
        NpmRuntime.install(context, action.bundle()); // npm: the CommonJS loader over the version's dependencies
        Value factory = context.eval(moduleSource(action, cachedSource));
        driver.load().execute(factory);
        return new PreparedContext(context, binding, driver);
    }

    /**
     * Loads the code the way an execution does (top-level code runs, under the same time limit) and
     * checks the handler export. Syntax errors carry the line and column in the action's own code.
     */
    public BuildReport check(ActionCode action, String handler, Duration timeout) {
        AtomicInteger state = new AtomicInteger(RUNNING);
        try (Context context = newContext(engine)) {
            ExecutionWatchdog.Watch deadline = watchdog.watch(context, state, System.nanoTime() + timeout.toNanos(), 0);
            try {
                PreparedContext.ExecutionBinding binding = new PreparedContext.ExecutionBinding();
                binding.begin(
                        cache.scope("build", "build"),
                        System.nanoTime() + timeout.toNanos(),
                        new HostChannel(
                                new CommandCheck(
                                        TriggerCommands.forId("build"), CommandLimits.of(config.limits()), false, null),
                                config.limits().logBytes()));
                PreparedContext.Driver driver = install(context, hostBindings(binding));
                NpmRuntime.install(
                        context, action.bundle()); // npm: the CommonJS loader over the version's dependencies
                Value factory = context.eval(moduleSource(action, true));
                JsonNode result =
                        JSON.readTree(driver.check().execute(factory, handler).asString());
                return result.path("ok").asBoolean()
                        ? BuildReport.ok()
                        : BuildReport.failed(
                                result.path("id").asText(),
                                result.path("message").asText(),
                                null,
                                null);
            } finally {
                deadline.close();
            }
        } catch (PolyglotException e) {
            if (state.get() == TIMED_OUT || e.isCancelled()) {
                return BuildReport.failed(
                        "top_level_error",
                        "top-level code did not finish within " + timeout.toMillis() + " ms",
                        null,
                        null);
            }
            if (e.isSyntaxError() && e.getSourceLocation() != null) {
                var location = e.getSourceLocation();
                int line = location.getStartLine();
                int column = location.getStartColumn() - (line == 1 ? MODULE_PREFIX.length() : 0);
                return BuildReport.failed("syntax_error", e.getMessage(), line, Math.max(column, 1));
            }
            return BuildReport.failed(
                    e.isSyntaxError() ? "syntax_error" : "top_level_error", e.getMessage(), null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads a dependency bundle's direct dependencies once in a throwaway context, under an action's
     * limits (time, allocation, no host access), so the engine holds their parsed code before a first
     * execution needs it: the parse of a large tree (node-ses: ~100 packages) is what made the first
     * login after a deploy slow (ADR 13, BENCHMARKS.md). A package that fails to load is skipped; the
     * action's own load will say why.
     *
     * @return true when every direct dependency loaded within the limits
     */
    public boolean preload(LoadedBundle bundle, Duration timeout) {
        AtomicInteger state = new AtomicInteger(RUNNING);
        Context context = newContext(engine);
        ExecutionWatchdog.Watch watch = watchdog.watch(
                context,
                state,
                System.nanoTime() + timeout.toNanos(),
                config.limits().allocationBytes());
        try {
            PreparedContext.ExecutionBinding binding = new PreparedContext.ExecutionBinding();
            HostChannel channel = new HostChannel(
                    new CommandCheck(TriggerCommands.forId("build"), CommandLimits.of(config.limits()), false, null),
                    config.limits().logBytes());
            binding.begin(cache.scope("build", "build"), System.nanoTime() + timeout.toNanos(), channel);
            PreparedContext.Driver driver = install(context, hostBindings(binding));
            NpmRuntime.install(context, bundle);
            // every package is tried; the module fails at the end if one did not load
            String code = "let failed = 0;\nfor (const name of " + JSON.writeValueAsString(bundle.direct())
                    + ") { try { require(name); } catch (e) { failed++; } }\n"
                    + "if (failed > 0) throw new Error(failed + ' packages did not load');\n"
                    + "exports.preloaded = () => {};";
            Value factory = context.eval(moduleSource(new ActionCode("preload", "preload", 0, code, bundle), false));
            return JSON.readTree(driver.check().execute(factory, "preloaded").asString())
                    .path("ok")
                    .asBoolean();
        } catch (PolyglotException | IOException e) {
            LOG.debugf("Preloading bundle %s stopped: %s", bundle.hash(), e.getMessage());
            return false;
        } finally {
            watch.close();
            state.compareAndSet(RUNNING, FINISHED);
            closeQuietly(context);
        }
    }

    /**
     * Ends an execution past its time limit or allocation budget (GraalJS community has no per-context
     * heap limit, so the watchdog samples the executing thread's allocated bytes instead: an allocation
     * bomb ends that execution, not the JVM). The context is closed, so it is never reused.
     */
    private static void stop(Context context, AtomicInteger state, ExecutionWatchdog.Reason reason) {
        if (state.compareAndSet(RUNNING, reason == ExecutionWatchdog.Reason.TIME_LIMIT ? TIMED_OUT : OVER_BUDGET)) {
            context.close(true);
        }
    }

    /** Host functions of one context; they act for whichever execution the binding currently points at. */
    private Map<String, Object> hostBindings(PreparedContext.ExecutionBinding binding) {
        ProxyExecutable fetchBridge = args -> {
            if (binding.requests.incrementAndGet() > config.fetch().maxRequests()) {
                return "{\"error\":\"more than " + config.fetch().maxRequests() + " requests in one execution\"}";
            }
            OutboundHosts hosts = binding.outboundHosts;
            HostChannel channel = binding.channel;
            // a refusal by the integration's capabilities is logged by the host, whatever the action does with the
            // error
            return fetch.fetch(
                    args[0].asString(), Duration.ofNanos(binding.deadlineNanos - System.nanoTime()), hosts, refusal -> {
                        if (channel != null) {
                            channel.note("[error] fetch refused: " + refusal);
                        }
                    });
        };
        return Map.of(
                "__host",
                        ProxyObject.fromMap(Map.of(
                                "command",
                                        (ProxyExecutable) a -> binding.channel == null
                                                ? "there is no execution in progress"
                                                : binding.channel.command(a),
                                "log",
                                        (ProxyExecutable) a -> {
                                            if (binding.channel != null) {
                                                binding.channel.log(a);
                                            }
                                            return null;
                                        },
                                "settle",
                                        (ProxyExecutable) a -> {
                                            if (binding.channel != null) {
                                                binding.channel.settle();
                                            }
                                            return null;
                                        },
                                "fail",
                                        (ProxyExecutable) a -> {
                                            if (binding.channel != null) {
                                                binding.channel.fail(a);
                                            }
                                            return null;
                                        },
                                "fetch", fetchBridge,
                                "cache",
                                        ProxyObject.fromMap(Map.of(
                                                "get", (ProxyExecutable) a -> binding.cache.get(a[0].asString()),
                                                "set",
                                                        (ProxyExecutable) a -> binding.cache.set(
                                                                a[0].asString(), a[1].asString(), a[2].asString()),
                                                "delete",
                                                        (ProxyExecutable)
                                                                a -> binding.cache.delete(a[0].asString()))))),
                "__hostCrypto",
                        ProxyObject.fromMap(Map.of(
                                "hash", (ProxyExecutable) a -> HostCrypto.hash(a[0].asString(), a[1].asString()),
                                "hmac",
                                        (ProxyExecutable)
                                                a -> HostCrypto.hmac(a[0].asString(), a[1].asString(), a[2].asString()),
                                "random", (ProxyExecutable) a -> HostCrypto.random(a[0].asInt()))),
                "__hostUrl",
                        ProxyObject.fromMap(Map.of("parse", (ProxyExecutable)
                                a -> HostUrl.parse(a[0].asString(), a[1].isNull() ? null : a[1].asString()))));
    }

    /**
     * Installs the host bindings, evaluates the platform's JavaScript, takes the driver functions and
     * removes every global the platform scripts used to hand things to one another: what is left on
     * {@code globalThis} is what actions are meant to see.
     */
    private PreparedContext.Driver install(Context context, Map<String, Object> bindings) {
        Value js = context.getBindings("js");
        bindings.forEach(js::putMember);
        for (Source source : platformSources) {
            context.eval(source);
        }
        PreparedContext.Driver driver = PreparedContext.Driver.of(js.getMember("__openactions_driver"));
        Set<String> handOvers = new HashSet<>(PLATFORM_HAND_OVERS);
        for (String name : js.getMemberKeys()) {
            if (name.startsWith("__openactions") || name.startsWith("__host")) {
                handOvers.add(name);
            }
        }
        handOvers.forEach(js::removeMember);
        return driver;
    }

    /** The action as a CommonJS module factory; the prefix shares line 1, so line numbers match the code. */
    private static Source moduleSource(ActionCode action, boolean cached) {
        return Source.newBuilder("js", MODULE_PREFIX + action.code() + "\n})", action.sourceName())
                .cached(cached)
                .buildLiteral();
    }

    private static Context newContext(Engine engine) {
        return Context.newBuilder("js")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.graal-builtin", "false")
                // as in Node 22: a rejection nobody handles is an error (the execution records it, even after the
                // handler returned)
                .option("js.unhandled-rejections", "throw")
                .build();
    }

    private ExecutionOutcome failureOf(PolyglotException e, AtomicInteger state, Duration timeout, ActionCode action) {
        if (state.get() >= TIMED_OUT || e.isCancelled()) {
            return stopped(state, timeout);
        }
        if (e.isResourceExhausted()) {
            return failure(ExecutionOutcome.Failure.Kind.LIMIT, "the action exceeded a resource limit", null);
        }
        if (e.isGuestException() || e.isSyntaxError()) {
            return failure(ExecutionOutcome.Failure.Kind.ERROR, e.getMessage(), guestStack(e));
        }
        LOG.errorf(e, "Internal error while running action %s", action.actionId());
        return failure(ExecutionOutcome.Failure.Kind.ERROR, "internal error in the action runtime", null);
    }

    private ExecutionOutcome stopped(AtomicInteger state, Duration timeout) {
        return state.get() == OVER_BUDGET
                ? failure(
                        ExecutionOutcome.Failure.Kind.LIMIT,
                        "the action allocated more than " + config.limits().allocationBytes() + " bytes",
                        null)
                : timeoutFailure(timeout);
    }

    private static ExecutionOutcome timeoutFailure(Duration timeout) {
        return failure(
                ExecutionOutcome.Failure.Kind.TIMEOUT,
                "the action did not finish within " + timeout.toMillis() + " ms",
                null);
    }

    private static String guestStack(PolyglotException e) {
        StringBuilder stack = new StringBuilder();
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (frame.isGuestFrame()
                    && frame.getSourceLocation() != null
                    && frame.getSourceLocation().getSource().getName().startsWith("action:")) {
                stack.append("    at ").append(frame).append('\n');
            }
        }
        return stack.isEmpty() ? null : stack.toString();
    }

    private static ExecutionOutcome failure(ExecutionOutcome.Failure.Kind kind, String message, String stack) {
        return new ExecutionOutcome(
                List.of(), null, List.of(), false, new ExecutionOutcome.Failure(kind, message, stack));
    }

    private static Source platformSource(String name) {
        return Source.newBuilder("js", resource("/runtime/" + name + ".js"), "openactions-" + name + ".js")
                .cached(true)
                .buildLiteral();
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

    void shutdown(@Observes ShutdownEvent event) {
        watchdog.close();
        pendingWork.shutdownNow();
    }

    /** Outside Quarkus ({@link StandaloneRuntime}): what the container would close at shutdown. */
    void closeStandalone() {
        watchdog.close();
        pendingWork.shutdownNow();
        pool.closeAll();
        if (coverageEngine != null) {
            coverageEngine.close();
        }
        engine.close(true);
    }
}
