package dev.openactions.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Queries over one rendered overlay. */
record Rendered(String overlay, List<KubeObject> objects) {

    static final List<String> SERVICES = List.of("action-registry-service", "executor-service", "secrets-service");

    static Rendered overlay(String name) {
        return new Rendered(name, Kustomize.render(Kustomize.overlay(name)));
    }

    List<KubeObject> ofKind(String kind) {
        return objects.stream().filter(o -> o.kind().equals(kind)).toList();
    }

    KubeObject one(String kind, String name) {
        List<KubeObject> found = objects.stream().filter(o -> o.is(kind, name)).toList();
        assertEquals(
                1,
                found.size(),
                () -> overlay + ": expected exactly one " + kind + " " + name + ", found " + found.size());
        return found.get(0);
    }

    /** The labels of the pods a Deployment creates. */
    Map<String, String> podLabels(String deployment) {
        return labels(one("Deployment", deployment)
                .spec()
                .path("template")
                .path("metadata")
                .path("labels"));
    }

    /** Ingress (or egress) rules of every NetworkPolicy that selects pods with these labels. */
    List<JsonNode> rulesFor(Map<String, String> podLabels, String direction) {
        String policyType = direction.equals("ingress") ? "Ingress" : "Egress";
        List<JsonNode> rules = new ArrayList<>();
        for (KubeObject policy : ofKind("NetworkPolicy")) {
            JsonNode spec = policy.spec();
            if (!Selectors.matches(spec.path("podSelector"), podLabels)) {
                continue;
            }
            boolean applies = false;
            for (JsonNode type : spec.path("policyTypes")) {
                applies |= type.asText().equals(policyType);
            }
            if (applies) {
                spec.path(direction).forEach(rules::add);
            }
        }
        return rules;
    }

    /** Whether some NetworkPolicy selecting these pods isolates them in both directions. */
    boolean isolated(Map<String, String> podLabels) {
        for (KubeObject policy : ofKind("NetworkPolicy")) {
            JsonNode spec = policy.spec();
            if (Selectors.matches(spec.path("podSelector"), podLabels)) {
                List<String> types = new ArrayList<>();
                spec.path("policyTypes").forEach(t -> types.add(t.asText()));
                if (types.contains("Ingress") && types.contains("Egress")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every environment variable a Deployment's first container gets: env entries and envFrom ConfigMaps. */
    Map<String, String> environment(String deployment) {
        JsonNode container = one("Deployment", deployment)
                .spec()
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            String configMap = source.path("configMapRef").path("name").asText(null);
            if (configMap != null) {
                env.putAll(labels(one("ConfigMap", configMap).node().path("data")));
            }
        }
        for (JsonNode variable : container.path("env")) {
            JsonNode secret = variable.path("valueFrom").path("secretKeyRef");
            env.put(
                    variable.path("name").asText(),
                    secret.isMissingNode()
                            ? variable.path("value").asText()
                            : "secret:" + secret.path("name").asText() + "/"
                                    + secret.path("key").asText());
        }
        return env;
    }

    static Map<String, String> labels(JsonNode map) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            labels.put(entry.getKey(), entry.getValue().asText());
        }
        return labels;
    }
}
