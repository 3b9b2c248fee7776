package dev.openactions.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The validator on hand-made objects (no kubectl needed). */
class ManifestValidatorTest {

    @Test
    void aKindWithoutAnySchemaIsAViolationNotASkip() throws Exception {
        List<KubeObject> objects = Kustomize.parse("""
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: w
                spec: {}
                """);

        List<String> violations = ManifestValidator.shared().validateAll(objects);

        assertEquals(1, violations.size(), () -> String.join("\n", violations));
        assertTrue(violations.get(0).contains("no schema known for example.com/v1 Widget"), violations.get(0));
    }

    @Test
    void aStrimziCustomResourceCarriesStrictObjectMeta() throws Exception {
        List<KubeObject> objects = Kustomize.parse("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata:
                  name: t
                  labelz:
                    strimzi.io/cluster: openactions
                spec:
                  partitions: 0
                """);

        List<String> violations = ManifestValidator.shared().validateAll(objects);

        String all = String.join("\n", violations);
        assertTrue(all.contains("`labelz` in the JSON string is not defined in the `V1ObjectMeta` properties"), all);
        assertTrue(all.contains("spec.partitions: 0 is below the minimum 1"), all);
    }

    @Test
    void aBuiltInKindMissingARequiredFieldIsReported() throws Exception {
        List<KubeObject> objects = Kustomize.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: d
                spec:
                  template:
                    spec:
                      containers:
                        - name: c
                          image: i
                """);

        List<String> violations = ManifestValidator.shared().validateAll(objects);

        assertEquals(1, violations.size(), () -> String.join("\n", violations));
        assertTrue(violations.get(0).contains("selector"), violations.get(0));
    }

    @Test
    void cloudNativePgSubsetIsStrictAndHandsCoreTypesToTheKubernetesModels() throws Exception {
        List<KubeObject> objects = Kustomize.parse("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata:
                  name: db
                spec:
                  primaryUpdateStrategy: sometimes
                  affinity:
                    tolerations:
                      - key: dedicated
                        effectt: NoSchedule
                  resources:
                    requests:
                      memory: 1Gi
                """);

        List<String> violations = ManifestValidator.shared().validateAll(objects);

        String all = String.join("\n", violations);
        assertEquals(3, violations.size(), all);
        assertTrue(all.contains("spec.instances: required field is missing"), all);
        assertTrue(all.contains("spec.primaryUpdateStrategy: string \"sometimes\" is not one of"), all);
        assertTrue(all.contains("spec.affinity.tolerations[0]: V1Toleration: The field `effectt`"), all);
    }
}
