package dev.openactions.executor.runtime;

import dev.openactions.contracts.TriggerId;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm execution of a small action per trigger: a deployed version on a reused, prepared context
 * (the hot path of every flow), with that trigger's {@code api}. Target: ≤ 50 µs and not slower than
 * Node's reused-context {@code vm}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// On 2 cores the Graal JIT needs ~20 s of this loop before the code is compiled (JFR shows the
// compiler threads busy until then); shorter warm-ups measure the JIT, not the steady state.
@Warmup(iterations = 20, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WarmExecutionBenchmark {
    @Param({"post-login", "credentials-exchange", "pre-user-registration", "post-user-registration"})
    public String trigger;

    private BenchSandbox bench;
    private ActionCode action;
    private String handler;
    private String event;

    @Setup(Level.Trial)
    public void setUp() {
        bench = new BenchSandbox();
        TriggerId id = TriggerId.fromId(trigger).orElseThrow();
        handler = id.handler();
        String body = switch (id) {
            case POST_LOGIN ->
                "api.accessToken.setCustomClaim('https://example.com/plan', event.user.app_metadata.plan);";
            case CREDENTIALS_EXCHANGE ->
                "api.accessToken.setCustomClaim('https://example.com/client', event.client.client_id);";
            case PRE_USER_REGISTRATION -> "api.user.setAppMetadata('signup_ip', event.request.ip);";
            default ->
                "if (!event.user.email) { throw new Error('no email'); } console.log('welcome', event.user.user_id);";
        };
        action = new ActionCode(
                "warm-" + trigger,
                "warm-" + trigger,
                1,
                "exports." + handler + " = async (event, api) => {\n  " + body + "\n};");
        event = """
                {"user":{"user_id":"auth0|1","email":"a@example.com","app_metadata":{"plan":"pro"}},\
                "client":{"client_id":"client-1","name":"bench"},"request":{"ip":"198.51.100.7"}}""";
        bench.run(action, handler, trigger, event);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bench.close();
    }

    @Benchmark
    public ExecutionOutcome warmExecution() {
        return bench.run(action, handler, trigger, event);
    }
}
