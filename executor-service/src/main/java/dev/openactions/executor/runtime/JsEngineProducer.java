package dev.openactions.executor.runtime;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.OutputStream;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.SandboxPolicy;
import org.jboss.logging.Logger;

/**
 * The one GraalJS engine of the process. Sharing it lets every context reuse parsed and compiled
 * code; creating it costs hundreds of milliseconds, so it is built at startup.
 */
@ApplicationScoped
public class JsEngineProducer {
    private static final Logger LOG = Logger.getLogger(JsEngineProducer.class);
    private Engine engine;

    @Produces
    @Singleton
    @Startup
    Engine engine() {
        engine = newEngine();
        LOG.infof("GraalJS engine %s ready (implementation: %s)", engine.getVersion(), engine.getImplementationName());
        if ("Interpreted".equalsIgnoreCase(engine.getImplementationName())) {
            LOG.warn("GraalJS runs without its JIT compiler: actions are interpreted and much slower. "
                    + "Start the JVM with the Graal compiler flags (see README) to enable it.");
        }
        return engine;
    }

    /** An engine with the service's options (the coverage engine and the partner kit use the same). */
    static Engine newEngine() {
        try {
            // Actions are small and short-running: compile them sooner and cheaper. Measured on
            // 2 cores (BENCHMARKS.md, "What was tried"): a warm execution settles at ~20-28 µs instead of
            // ~40-60 µs with the default mode.
            return builder().option("engine.Mode", "latency").build();
        } catch (IllegalArgumentException noCompiler) {
            // Without the Graal compiler (no JVMCI flags) Truffle has no compilation options at all, and
            // GraalJS interprets: still correct, only slower (the warning below says so).
            return builder().build();
        }
    }

    private static Engine.Builder builder() {
        return Engine.newBuilder("js")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                // Flyway turns this warning off JVM-wide; we want to know when the JIT is missing.
                .option("engine.WarnInterpreterOnly", "true")
                .logHandler(new JulToJboss());
    }

    @PreDestroy
    void close() {
        if (engine != null) {
            engine.close(true);
        }
    }

    /** Routes engine log records into the service's log. */
    private static final class JulToJboss extends Handler {
        private static final Logger ENGINE_LOG = Logger.getLogger("dev.openactions.executor.graaljs");

        @Override
        public void publish(LogRecord record) {
            ENGINE_LOG.infof("%s", record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
