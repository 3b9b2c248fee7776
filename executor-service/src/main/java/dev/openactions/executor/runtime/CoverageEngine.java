package dev.openactions.executor.runtime;

import dev.openactions.executor.runtime.coverage.CoverageInstrument;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Instrument;

/**
 * A second GraalJS engine, with the same options as the service's, on which only test runs that ask
 * for coverage run, with {@link CoverageInstrument} attached. Instruments belong to an engine: on the
 * shared engine the probes would sit in every login's code. Built on first use (a few hundred
 * milliseconds, once), so a service that never measures coverage never builds it.
 */
@ApplicationScoped
public class CoverageEngine {
    private volatile Engine engine;

    Engine engine() {
        Engine current = engine;
        if (current == null) {
            synchronized (this) {
                current = engine;
                if (current == null) {
                    current = JsEngineProducer.newEngine();
                    Instrument instrument = current.getInstruments().get(CoverageInstrument.ID);
                    if (instrument == null || instrument.lookup(CoverageInstrument.Ready.class) == null) {
                        current.close();
                        throw new IllegalStateException("the coverage instrument is not on the executor's class path");
                    }
                    engine = current;
                }
            }
        }
        return current;
    }

    @PreDestroy
    synchronized void close() {
        if (engine != null) {
            engine.close(true);
            engine = null;
        }
    }
}
