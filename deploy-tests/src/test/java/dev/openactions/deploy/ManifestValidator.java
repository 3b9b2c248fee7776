package dev.openactions.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Validates rendered objects against their schemas: Kubernetes built-ins against the Kubernetes
 * models ({@link KubernetesModels}); custom resources against their CRD's openAPIV3Schema
 * ({@link StructuralSchemaValidator}) with {@code metadata} checked as an ObjectMeta. An object of a
 * kind nothing here knows is a violation too.
 */
final class ManifestValidator {

    /** A CRD version's schema and where it came from. */
    record CrdSchema(JsonNode openApiV3Schema, String source) {}

    private static ManifestValidator shared;

    private final Map<String, CrdSchema> crds;
    private final StructuralSchemaValidator structural =
            new StructuralSchemaValidator(ManifestValidator::validateModel);

    private ManifestValidator(Map<String, CrdSchema> crds) {
        this.crds = Map.copyOf(crds);
    }

    /** Strimzi's generated CRDs plus the vendored CloudNativePG subsets; built once per test JVM. */
    static synchronized ManifestValidator shared() {
        if (shared == null) {
            Map<String, CrdSchema> crds = new HashMap<>();
            for (Path file : StrimziCrds.generate()) {
                load(file, "Strimzi CRD generated from io.strimzi:api", crds);
            }
            for (Path file : vendoredCrds()) {
                load(file, "vendored subset deploy-tests/src/test/resources/crds/cnpg/" + file.getFileName(), crds);
            }
            shared = new ManifestValidator(crds);
        }
        return shared;
    }

    /** Violations of one object, each prefixed with the object it belongs to; empty when valid. */
    List<String> validate(KubeObject object) {
        List<String> violations = new ArrayList<>();
        if (object.apiVersion().isEmpty() || object.kind().isEmpty()) {
            violations.add("object without apiVersion or kind: " + object.node());
            return violations;
        }
        CrdSchema crd = crds.get(key(object.group(), object.version(), object.kind()));
        if (crd != null) {
            violations.addAll(structural.validate(crd.openApiV3Schema(), object.node(), ""));
            if (object.node().has("metadata")) {
                violations.addAll(validateModel("V1ObjectMeta", object.node().get("metadata")).stream()
                        .map(v -> "metadata: " + v)
                        .toList());
            }
        } else {
            Optional<Class<?>> model = KubernetesModels.modelFor(object.group(), object.version(), object.kind());
            if (model.isPresent()) {
                violations.addAll(KubernetesModels.validate(model.get(), object.node(), ""));
            } else {
                violations.add("no schema known for " + object.apiVersion() + " " + object.kind()
                        + " (not a Kubernetes built-in, nor a Strimzi or CloudNativePG CRD version)");
            }
        }
        return violations.stream().map(v -> object + ": " + v).toList();
    }

    List<String> validateAll(List<KubeObject> objects) {
        return objects.stream().flatMap(o -> validate(o).stream()).toList();
    }

    Optional<CrdSchema> crd(String group, String version, String kind) {
        return Optional.ofNullable(crds.get(key(group, version, kind)));
    }

    private static List<String> validateModel(String modelName, JsonNode value) {
        Class<?> model = KubernetesModels.model(modelName)
                .orElseThrow(() -> new IllegalStateException("no Kubernetes model " + modelName));
        return KubernetesModels.validate(model, value, "");
    }

    private static void load(Path file, String source, Map<String, CrdSchema> into) {
        for (JsonNode crd : Kustomize.readYamlDocuments(file)) {
            if (!"CustomResourceDefinition".equals(crd.path("kind").asText())) {
                continue;
            }
            String group = crd.path("spec").path("group").asText();
            String kind = crd.path("spec").path("names").path("kind").asText();
            for (JsonNode version : crd.path("spec").path("versions")) {
                JsonNode schema = version.path("schema").path("openAPIV3Schema");
                if (!schema.isObject()) {
                    throw new IllegalStateException(
                            file + ": " + kind + " " + version.path("name").asText() + " has no schema");
                }
                into.put(key(group, version.path("name").asText(), kind), new CrdSchema(schema, source));
            }
        }
    }

    private static List<Path> vendoredCrds() {
        try {
            Path dir = Path.of(ManifestValidator.class.getResource("/crds/cnpg").toURI());
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(f -> f.toString().endsWith(".yaml"))
                        .sorted()
                        .toList();
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(String group, String version, String kind) {
        return group + "/" + version + "/" + kind;
    }
}
