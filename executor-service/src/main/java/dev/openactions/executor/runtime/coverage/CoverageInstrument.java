package dev.openactions.executor.runtime.coverage;

import com.oracle.truffle.api.instrumentation.Instrumenter;
import com.oracle.truffle.api.instrumentation.SourceSectionFilter;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.instrumentation.TruffleInstrument;

/**
 * A Truffle instrument that measures which statements of an action's own source ran. GraalJS tags
 * every statement it parses ({@link StandardTags.StatementTag}); this instrument hears each one as it
 * is loaded and each one the first time it executes, for sources named {@code action:…} only (npm
 * bundle files are {@code npm:/…}, the platform's scripts {@code openactions-…}), and hands both to
 * the {@link Recording} of the executing thread.
 *
 * <p>It is only ever created on the executor's separate coverage engine ({@code CoverageEngine}, by
 * looking up {@link Ready}); the engine that runs logins never has it, so they pay nothing for it.
 * GraalVM's own coverage tool ({@code org.graalvm.tools:coverage}) would do the counting, but it is
 * not published for the polyglot version used here (25.0.3) and it is not registered for
 * {@code SandboxPolicy.CONSTRAINED}; this one is ({@link CoverageInstrumentProvider}).
 */
public final class CoverageInstrument extends TruffleInstrument {
    public static final String ID = "openactions-coverage";
    /** The source names the executor gives actions' own code ({@code ActionCode.sourceName}). */
    static final String ACTION_SOURCES = "action:";

    @Override
    protected void onCreate(Env env) {
        SourceSectionFilter actionStatements = SourceSectionFilter.newBuilder()
                .tagIs(StandardTags.StatementTag.class)
                .sourceIs(source -> source.getName() != null && source.getName().startsWith(ACTION_SOURCES))
                .includeInternal(false)
                .build();
        Instrumenter instrumenter = env.getInstrumenter();
        instrumenter.attachLoadSourceSectionListener(
                actionStatements, event -> Recording.loaded(event.getSourceSection()), false);
        instrumenter.attachExecutionEventFactory(
                actionStatements, context -> new StatementProbe(context.getInstrumentedSourceSection()));
        env.registerService(new Ready());
    }

    /** The service the host looks up to create the instrument; once it has one, the listeners are attached. */
    public static final class Ready {}
}
