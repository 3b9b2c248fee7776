package dev.openactions.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.testsupport.Layering;
import dev.openactions.testsupport.SourceRules;
import org.junit.jupiter.api.Test;

/** The registry's layer table of docs/architecture-rules.md, checked over its main sources. */
class ArchitectureRulesTest {

    static final Layering LAYERS = Layering.table()
            .layer(1, "api", "messaging", "live", "console", "health")
            .layer(2, "security")
            .layer(3, "service", "marketplace", "dependencies")
            .layer(4, "repository", "client")
            .layer(5, "domain", "config")
            .features("marketplace", "dependencies", "live", "console")
            // the action services are what the marketplace builds on: they reach installs through a hook of their own
            .forbid("service", "marketplace")
            .forbid("dependencies", "marketplace")
            // entities never leave the service layer: wire models map service views
            .forbidClassesNamed("api", "Entity");

    private final SourceRules sources = SourceRules.mainSourcesOf("dev.openactions.registry");

    @Test
    void noReferenceClimbsBackUpTheLayers() {
        assertThat(sources.layerViolations(LAYERS)).isEmpty();
    }

    @Test
    void importsReplaceInlineQualifiedNames() {
        assertThat(sources.inlineQualifiedNames()).isEmpty();
    }
}
