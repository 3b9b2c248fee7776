package dev.openactions.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay under deploy/k8s/overlays renders, and every object it renders matches its schema. */
@RequiresKubectl
class OverlaysMatchSchemasTest {

    static Stream<Path> overlays() {
        List<Path> overlays = Kustomize.overlays();
        assertFalse(overlays.isEmpty(), "no overlays under deploy/k8s/overlays");
        return overlays.stream();
    }

    @ParameterizedTest(name = "overlay {0}")
    @MethodSource("overlays")
    void everyRenderedObjectMatchesItsSchema(Path overlay) {
        List<KubeObject> objects = Kustomize.render(overlay);
        assertFalse(objects.isEmpty(), overlay + " renders nothing");

        List<String> violations = ManifestValidator.shared().validateAll(objects);

        assertTrue(
                violations.isEmpty(),
                () -> overlay.getFileName() + ": " + violations.size()
                        + " schema violation(s) in " + objects.size() + " objects:\n  "
                        + String.join("\n  ", violations)
                        + "\n(CloudNativePG kinds are checked against the vendored subset in"
                        + " deploy-tests/src/test/resources/crds/cnpg: a valid field missing there must be added there.)");
    }
}
