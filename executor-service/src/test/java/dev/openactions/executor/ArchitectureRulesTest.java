package dev.openactions.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.testsupport.Layering;
import dev.openactions.testsupport.SourceRules;
import org.junit.jupiter.api.Test;

/** The executor's layer table of docs/architecture-rules.md, checked over its main sources. */
class ArchitectureRulesTest {

    static final Layering LAYERS = Layering.table()
            .layer(1, "api", "messaging", "events", "health", "warmup")
            .layer(2, "security")
            .layer(3, "flow", "deadletters")
            .layer(4, "flow.commands", "runtime", "repository", "client", "kafka")
            .layer(5, "domain", "config")
            // a flow does not know how its result is shipped: it announces it through an interface of its own
            .forbid("flow", "messaging", "events", "deadletters", "kafka");

    private final SourceRules sources = SourceRules.mainSourcesOf("dev.openactions.executor");

    @Test
    void noReferenceClimbsBackUpTheLayers() {
        assertThat(sources.layerViolations(LAYERS)).isEmpty();
    }

    @Test
    void importsReplaceInlineQualifiedNames() {
        assertThat(sources.inlineQualifiedNames()).isEmpty();
    }
}
