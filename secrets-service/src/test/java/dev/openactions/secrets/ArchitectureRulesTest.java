package dev.openactions.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.testsupport.Layering;
import dev.openactions.testsupport.SourceRules;
import org.junit.jupiter.api.Test;

/** The secrets service's layer table of docs/architecture-rules.md, checked over its main sources. */
class ArchitectureRulesTest {

    static final Layering LAYERS = Layering.table()
            .layer(1, "api", "health")
            .layer(2, "security")
            .layer(3, "service")
            .layer(4, "repository", "keys")
            .layer(5, "domain", "config");

    private final SourceRules sources = SourceRules.mainSourcesOf("dev.openactions.secrets");

    @Test
    void noReferenceClimbsBackUpTheLayers() {
        assertThat(sources.layerViolations(LAYERS)).isEmpty();
    }

    @Test
    void importsReplaceInlineQualifiedNames() {
        assertThat(sources.inlineQualifiedNames()).isEmpty();
    }
}
