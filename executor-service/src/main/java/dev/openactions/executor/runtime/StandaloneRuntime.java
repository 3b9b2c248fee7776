package dev.openactions.executor.runtime;

import dev.openactions.executor.config.ExecutorConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The sandbox wired as the service wires it, outside Quarkus: for the partner test kit, which runs an
 * integration's test cases on this engine on a partner's machine. Same engine options, host functions,
 * limits, SSRF rules and routes ({@code executor.fetch.*}), coverage engine; nothing is left out.
 */
public final class StandaloneRuntime {
    private StandaloneRuntime() {}

    public static ActionSandbox sandbox(ExecutorConfig config, FetchRouting routing) {
        OutboundFetch fetch = new OutboundFetch(config);
        fetch.routes = new FetchRoutes(routing, config);
        ActionSandbox sandbox = new ActionSandbox(
                JsEngineProducer.newEngine(),
                fetch,
                config,
                new ApiCache(config),
                new ContextPool(config, new SimpleMeterRegistry()));
        sandbox.coverageEngine = new CoverageEngine();
        return sandbox;
    }

    /** Closes the sandbox's engines and contexts. */
    public static void close(ActionSandbox sandbox) {
        sandbox.closeStandalone();
    }
}
