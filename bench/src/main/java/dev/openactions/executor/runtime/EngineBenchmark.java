package dev.openactions.executor.runtime;

import dev.openactions.executor.config.ExecutorConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.SandboxPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The executor's own sandbox, outside Quarkus, with the production defaults of {@link ExecutorConfig}:
 * <ul>
 * <li>{@code warmExecution}: a deployed version on a reused, prepared context (the hot path);</li>
 * <li>{@code freshContextExecution}: a draft, which always gets a fresh context (platform JavaScript
 * evaluated, module loaded) — what every execution would cost without the pool (ADR 6);</li>
 * <li>{@code bareContext}: creating and closing an empty context on the shared engine.</li>
 * </ul>
 * Lives in the runtime's package to reach its package-private constructors. Run with
 * {@code bench/run-engine.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class EngineBenchmark {
    private static final String CODE = """
            exports.onExecutePostLogin = async (event, api) => {
              if (event.request.ip === '192.0.2.1') { api.access.deny('blocked'); return; }
              api.accessToken.setCustomClaim('https://example.com/plan', event.user.app_metadata.plan);
              api.user.setAppMetadata('last_login_ip', event.request.ip);
            };""";
    private static final String EVENT = """
            {"user":{"user_id":"auth0|1","email":"a@example.com","app_metadata":{"plan":"pro"}},"request":{"ip":"198.51.100.7"}}""";

    private Engine engine;
    private ActionSandbox sandbox;
    private ActionCode deployed;
    private ActionCode draft;

    @Setup(Level.Trial)
    public void setUp() {
        // Quarkus-style durations ("10s") as in application.properties' defaults
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ExecutorConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .build();
        ExecutorConfig executorConfig = config.getConfigMapping(ExecutorConfig.class);
        engine = new JsEngineProducer().engine(); // the service's own engine options
        sandbox = new ActionSandbox(
                engine,
                new OutboundFetch(executorConfig),
                executorConfig,
                new ApiCache(),
                new ContextPool(executorConfig, new SimpleMeterRegistry()));
        deployed = new ActionCode("bench-action", "bench", 1, CODE);
        draft = new ActionCode("bench-draft", "bench-draft", 0, CODE);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close(true);
    }

    @Benchmark
    public ExecutionOutcome warmExecution() {
        return sandbox.run(deployed, "onExecutePostLogin", "bench", "post-login", EVENT, Duration.ofSeconds(10));
    }

    @Benchmark
    public ExecutionOutcome freshContextExecution() {
        return sandbox.run(draft, "onExecutePostLogin", "bench", "post-login", EVENT, Duration.ofSeconds(10));
    }

    @Benchmark
    public void bareContext() {
        try (Context context = Context.newBuilder("js")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build()) {
            context.eval("js", "1");
        }
    }
}
