package dev.openactions.executor.runtime;

import java.util.concurrent.TimeUnit;
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
 * Deploy → first execution: each invocation is the first execution of a version the process has
 * never seen (new version number, new code), so it pays what a deploy costs on a running replica:
 * a fresh context, the platform JavaScript, the module's top-level code, then the handler. Single
 * shots on an engine already warmed by earlier deploys, as in a running service; target ≤ 20 ms p50.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 40)
@Measurement(iterations = 80)
@Fork(1)
public class DeployBenchmark {
    private static final String EVENT = """
            {"user":{"user_id":"auth0|1","email":"a@example.com","app_metadata":{"plan":"pro"}},"request":{"ip":"198.51.100.7"}}""";

    private BenchSandbox bench;
    private int version;
    private ActionCode next;

    @Setup(Level.Trial)
    public void setUp() {
        bench = new BenchSandbox();
    }

    @Setup(Level.Invocation)
    public void newVersion() {
        version++;
        next = new ActionCode("deployed", "deployed", version, """
                const ALLOWED_PLANS = new Set(['free', 'pro', 'enterprise']);
                const BUILD = %d;
                exports.onExecutePostLogin = async (event, api) => {
                  const plan = ALLOWED_PLANS.has(event.user.app_metadata.plan) ? event.user.app_metadata.plan : 'free';
                  api.accessToken.setCustomClaim('https://example.com/plan', plan);
                  api.accessToken.setCustomClaim('https://example.com/build', BUILD);
                };""".formatted(version));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bench.close();
    }

    @Benchmark
    public ExecutionOutcome firstExecutionOfNewVersion() {
        return bench.run(next, "onExecutePostLogin", "post-login", EVENT);
    }
}
