package dev.openactions.executor.warmup;

import dev.openactions.executor.config.ExecutorConfig;
import dev.openactions.executor.flow.FlowView;
import dev.openactions.executor.flow.WarmupFlow;
import dev.openactions.executor.security.WarmupTokens;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The startup warm-up of the synchronous path (issue 16, "time to steady state"): right after start, it
 * sends post-login flow requests of the throw-away {@link WarmupFlow} tenant to this service's own HTTP
 * endpoint on loopback for {@code executor.warmup.duration} (or {@code max-requests}), so that the HTTP
 * stack, the token check and cache, the resource, Jackson, the flow runner, the sandbox and the
 * record's serialization are compiled by the JIT before the first login — the JIT compiles what runs
 * often, and nothing runs often before traffic arrives. Readiness stays DOWN meanwhile
 * ({@code WarmupHealthCheck}), so a new replica gets traffic only once it is fast.
 * <p>
 * It leaves no trace: its flow is served only while it runs and its tenant is never known to the view,
 * its records are not sent, its runs are not timed, its token is refused once it ends, and the HTTP
 * server meters its requests created are removed again. A warm-up that fails (port unreachable,
 * refusals) logs why and ends: it never keeps the service unready.
 */
@ApplicationScoped
public class HttpWarmup {
    private static final Logger LOG = Logger.getLogger(HttpWarmup.class);
    private static final String PATH = "/api/v1/flows/post-login";
    /** The route's template, the {@code uri} label of its HTTP server meters. */
    private static final String PATH_TEMPLATE = "/api/v1/flows/{triggerId}";

    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(60);

    /** Where the warm-up stands, for readiness. */
    public enum State {
        OFF,
        RUNNING,
        DONE
    }

    private final ExecutorConfig.Warmup config;
    private final FlowView flows;
    private final WarmupTokens tokens;
    private final MeterRegistry metrics;
    private volatile State state;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Thread driver;
    private volatile String lastFailure = "none";
    /** Share of one core the JIT used in the warm-up's last window (NaN: not measured). */
    private volatile double jitShare = Double.NaN;

    HttpWarmup(ExecutorConfig config, FlowView flows, WarmupTokens tokens, MeterRegistry metrics) {
        this.config = config.warmup();
        this.flows = flows;
        this.tokens = tokens;
        this.metrics = metrics;
        this.state = this.config.enabled() ? State.RUNNING : State.OFF;
    }

    void onStart(@Observes StartupEvent event) {
        if (state != State.RUNNING) {
            LOG.info("Startup warm-up of the HTTP flow path is off (executor.warmup.enabled=false)");
            return;
        }
        start();
    }

    /**
     * Runs the warm-up now, on its own thread (startup and the HTTP server's opening must not wait for it):
     * at startup when enabled; tests call it on a running service. Readiness is DOWN from this call on.
     */
    public synchronized void start() {
        if (driver != null && driver.isAlive()) {
            return;
        }
        sent.set(0);
        failed.set(0);
        jitShare = Double.NaN;
        state = State.RUNNING;
        driver = Thread.ofPlatform().name("executor-warmup").daemon().start(this::run);
    }

    void onStop(@Observes ShutdownEvent event) {
        Thread running = driver;
        if (running != null) {
            running.interrupt();
        }
    }

    public State state() {
        return state;
    }

    /** Flow requests sent so far, and how many of them did not answer 200. */
    public long requestsSent() {
        return sent.get();
    }

    public long requestsFailed() {
        return failed.get();
    }

    /**
     * Share of one core the JIT spent compiling in the warm-up's last measured window (below
     * {@code executor.warmup.jit-settled-share} when it ended because the JIT settled); NaN when not
     * measured (not waiting for the JIT, or ended before {@code duration}).
     */
    public double jitCompilingShare() {
        return jitShare;
    }

    private void run() {
        long started = System.nanoTime();
        Set<Meter.Id> metersBefore =
                metrics.getMeters().stream().map(Meter::getId).collect(Collectors.toSet());
        try {
            String host = loopbackHost();
            int port = awaitPort(host);
            Duration longest = config.untilJitSettles() && config.maxDuration().compareTo(config.duration()) > 0
                    ? config.maxDuration()
                    : config.duration();
            String token = tokens.open(longest.plus(REACH_TIMEOUT).plusMinutes(1));
            flows.startWarmup(WarmupFlow.snapshot());
            drive(() -> new WarmupClient(host, port, PATH, token), System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf("The startup warm-up stopped early: %s", e.getMessage());
        } finally {
            tokens.close();
            flows.endWarmup();
            forgetMeters(metersBefore);
            state = State.DONE;
            if (failed.get() > 0) {
                LOG.warnf("%d warm-up requests were not answered 200 (last: %s)", failed.get(), lastFailure);
            }
            LOG.infof(
                    "Startup warm-up: %d flow requests over HTTP (%d not answered 200) with %d connections in %d ms%s",
                    sent.get(),
                    failed.get(),
                    config.connections(),
                    (System.nanoTime() - started) / 1_000_000,
                    Double.isNaN(jitShare)
                            ? ""
                            : String.format(
                                    "; the JIT compiled %.0f %% of a core in the last %d s",
                                    100 * jitShare, config.jitWindow().toSeconds()));
        }
    }

    /**
     * Closed-loop requests on {@code connections} connections for at least the duration, then (when so
     * configured) until the JIT has settled or the maximum duration, or until the request budget is used.
     */
    private void drive(Supplier<WarmupClient> connections, long from) throws InterruptedException {
        JitActivity jit = config.untilJitSettles() ? new JitActivity() : null;
        long minimumEnd = from + config.duration().toNanos();
        long end = jit == null
                ? minimumEnd
                : Math.max(minimumEnd, from + config.maxDuration().toNanos());
        AtomicLong budget = new AtomicLong(config.maxRequests());
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < Math.max(1, config.connections()); i++) {
            senders.add(Thread.ofPlatform()
                    .name("executor-warmup-" + i)
                    .daemon()
                    .start(() -> send(connections.get(), end, budget, stop)));
        }
        try {
            awaitSenders(senders, minimumEnd);
            if (jit != null) {
                awaitSettledJit(jit, senders, end);
            }
            stop.set(true);
            for (Thread sender : senders) {
                sender.join();
            }
        } finally {
            senders.forEach(Thread::interrupt);
        }
    }

    /** Waits until {@code until} or until every sender has ended (budget used, service refusing). */
    private static void awaitSenders(List<Thread> senders, long until) throws InterruptedException {
        for (Thread sender : senders) {
            long left = until - System.nanoTime();
            if (left > 0) {
                sender.join(Duration.ofNanos(left));
            }
        }
    }

    /** Waits, window by window, until the JIT compiles less than the settled share or the warm-up must end. */
    private void awaitSettledJit(JitActivity jit, List<Thread> senders, long end) throws InterruptedException {
        Duration window = config.jitWindow();
        jit.sinceLastReading(); // from here on
        while (System.nanoTime() < end && senders.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(window);
            Duration compiled = jit.sinceLastReading();
            jitShare = (double) compiled.toNanos() / window.toNanos();
            if (jitShare < config.jitSettledShare()) {
                return;
            }
        }
    }

    private void send(WarmupClient client, long end, AtomicLong budget, AtomicBoolean stop) {
        try (client) {
            while (!stop.get()
                    && System.nanoTime() < end
                    && budget.getAndDecrement() > 0
                    && !Thread.currentThread().isInterrupted()) {
                sent.incrementAndGet();
                if (!client.send()) {
                    failed.incrementAndGet();
                    lastFailure = client.lastFailure();
                }
                // a service refusing every request is not warming up: stop rather than spin
                if (failed.get() > 100 && failed.get() * 2 > sent.get()) {
                    return;
                }
            }
        }
    }

    /** The HTTP port once the server listens (a port 0 in the settings becomes the real one then). */
    private int awaitPort(String host) throws InterruptedException {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        long deadline = System.nanoTime() + REACH_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            int port = ConfigProvider.getConfig()
                    .getOptionalValue(key, Integer.class)
                    .orElse(8080);
            if (port > 0 && WarmupClient.listening(host, port)) {
                return port;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the HTTP server did not open within " + REACH_TIMEOUT.toSeconds() + " s");
    }

    private static String loopbackHost() {
        String host = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.host", String.class)
                .orElse("0.0.0.0");
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "127.0.0.1" : host;
    }

    /**
     * HTTP server meters that only the warm-up's requests created (the flow route's request timers): removed,
     * so that /q/metrics shows real logins only. Micrometer looks them up per request and makes them again at
     * the first real one.
     */
    private void forgetMeters(Set<Meter.Id> before) {
        for (Meter meter : metrics.getMeters()) {
            Meter.Id id = meter.getId();
            if (id.getName().startsWith("http.server.")
                    && PATH_TEMPLATE.equals(id.getTag("uri"))
                    && !before.contains(id)) {
                metrics.remove(meter);
            }
        }
    }
}
