package dev.openactions.executor.runtime.coverage;

import com.oracle.truffle.api.instrumentation.TruffleInstrument;
import com.oracle.truffle.api.instrumentation.provider.TruffleInstrumentProvider;
import java.util.Collection;
import java.util.List;
import org.graalvm.polyglot.SandboxPolicy;

/**
 * Registers {@link CoverageInstrument} with Truffle (listed in
 * {@code META-INF/services/com.oracle.truffle.api.instrumentation.provider.TruffleInstrumentProvider}).
 * Truffle's annotation processor would generate this class; it is written by hand so that the build
 * needs no extra processor. {@code sandbox = CONSTRAINED}: the executor's engines run with that policy,
 * and an instrument registered for less cannot be used on them. The instrument reads the statements
 * of actions' code and nothing else: no host access, no I/O.
 */
@TruffleInstrument.Registration(
        id = CoverageInstrument.ID,
        name = "OpenActions line coverage",
        services = CoverageInstrument.Ready.class,
        sandbox = SandboxPolicy.CONSTRAINED)
public final class CoverageInstrumentProvider extends TruffleInstrumentProvider {

    @Override
    protected String getInstrumentClassName() {
        return CoverageInstrument.class.getName();
    }

    @Override
    protected Object create() {
        return new CoverageInstrument();
    }

    @Override
    protected Collection<String> getServicesClassNames() {
        return List.of(CoverageInstrument.Ready.class.getName());
    }
}
