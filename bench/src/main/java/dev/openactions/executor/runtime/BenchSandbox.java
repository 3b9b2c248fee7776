package dev.openactions.executor.runtime;

import dev.openactions.executor.config.ExecutorConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import org.graalvm.polyglot.Engine;

/**
 * The executor's sandbox as the service wires it (one shared engine, the context pool, production
 * defaults of {@link ExecutorConfig}), outside Quarkus, for the JMH benchmarks. In the runtime's
 * package to reach its package-private constructors.
 */
final class BenchSandbox implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final Engine engine;
    final ActionSandbox sandbox;
    final ContextPool pool;

    BenchSandbox() {
        // Quarkus-style durations ("10s") as in application.properties' defaults
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ExecutorConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .build();
        ExecutorConfig executorConfig = config.getConfigMapping(ExecutorConfig.class);
        engine = new JsEngineProducer().engine(); // the service's own engine options
        pool = new ContextPool(executorConfig, new SimpleMeterRegistry());
        sandbox = new ActionSandbox(engine, new OutboundFetch(executorConfig), executorConfig, new ApiCache(), pool);
    }

    /** Runs a handler and fails loudly if the action failed: a benchmark of an error path measures nothing useful. */
    ExecutionOutcome run(ActionCode action, String handler, String trigger, String eventJson) {
        ExecutionOutcome outcome = sandbox.run(action, handler, "bench", trigger, eventJson, TIMEOUT);
        if (outcome.failed()) {
            throw new IllegalStateException(
                    action.actionId() + " failed: " + outcome.failure().message());
        }
        return outcome;
    }

    @Override
    public void close() {
        pool.closeAll();
        engine.close(true);
    }
}
