package dev.openactions.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The validator is not a rubber stamp: src/test/kustomize/unknown-fields renders the prod overlay with
 * one mistake in each of eight objects, across all three schema sources, and each must be reported
 * (and nothing else).
 */
@RequiresKubectl
class UnknownFieldsAreRejectedTest {

    private static final Path BROKEN =
            Kustomize.repositoryRoot().resolve("deploy-tests/src/test/kustomize/unknown-fields");

    @Test
    void reportsEveryMistakeInTheBrokenFixtureAndNothingElse() {
        List<String> violations = ManifestValidator.shared().validateAll(Kustomize.render(BROKEN));

        // object -> text its violation must contain
        Map<String, String> expected = Map.of(
                "Deployment openactions/executor-service",
                        "`imagePullPolicyy` in the JSON string is not defined in the `V1Container` properties",
                "NetworkPolicy openactions/secrets-service",
                        "`namespaceSelectorr` in the JSON string is not defined in the `V1NetworkPolicyPeer` properties",
                "Service openactions/action-registry-service",
                        "spec.ports[0].port: value \"8081\" is not of the type the API defines",
                "KafkaTopic openactions/actions.flows", "spec.partitionz: unknown field",
                "Kafka openactions/openactions", "spec.kafka.listeners[0].tlss: unknown field",
                "KafkaUser openactions/executor-service",
                        "spec.authentication.type: string \"scram-sha-256\" is not one of",
                "Cluster openactions/openactions-db", "spec.managed.roles[0].passwordSecrett: unknown field",
                "ObjectStore openactions/openactions-db-backups", "spec.configuration.wal.compresion: unknown field");

        String all = String.join("\n  ", violations);
        expected.forEach((object, text) -> assertTrue(
                violations.stream().anyMatch(v -> v.startsWith(object + " ") && v.contains(text)),
                () -> "expected a violation for " + object + " containing «" + text + "», got:\n  " + all));
        assertEquals(expected.size(), violations.size(), () -> "unexpected violations:\n  " + all);
    }
}
