package dev.openactions.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rendered prod overlay isolates the services as deploy/README.md ("Network policies") describes: only the auth server's
 * namespace reaches the executor, only the registry and the executor reach secrets-service, the
 * registry is reached through the ingress namespace, and the executor may call the internet but no
 * private range.
 */
@RequiresKubectl
class ProdNetworkPoliciesTest {

    private static final String NAME = "app.kubernetes.io/name";
    private static final String ROLE = "openactions.dev/role";
    private static Rendered prod;

    @BeforeAll
    static void render() {
        prod = Rendered.overlay("prod");
    }

    @Test
    void everyServiceIsIsolatedInBothDirections() {
        for (String service : Rendered.SERVICES) {
            assertTrue(
                    prod.isolated(prod.podLabels(service)),
                    service + " is not selected by a policy with Ingress and Egress");
        }
    }

    @Test
    void onlyTheRegistryAndTheExecutorReachSecretsService() {
        List<JsonNode> rules = prod.rulesFor(prod.podLabels("secrets-service"), "ingress");

        assertFalse(rules.isEmpty(), "secrets-service accepts no traffic at all");
        Set<String> allowed = new HashSet<>();
        for (JsonNode rule : rules) {
            assertEquals(Set.of(8083), ports(rule), "secrets-service ingress must be port 8083 only: " + rule);
            assertTrue(rule.path("from").size() > 0, "an ingress rule without 'from' admits everyone: " + rule);
            for (JsonNode peer : rule.path("from")) {
                assertTrue(
                        peer.path("namespaceSelector").isMissingNode()
                                && peer.path("ipBlock").isMissingNode(),
                        "secrets-service must only admit pods of its own namespace: " + peer);
                allowed.add(
                        peer.path("podSelector").path("matchLabels").path(NAME).asText("<any pod>"));
            }
        }
        assertEquals(Set.of("action-registry-service", "executor-service"), allowed);
    }

    @Test
    void onlyTheAuthServerNamespaceAndTheRegistryReachTheExecutor() {
        List<JsonNode> rules = prod.rulesFor(prod.podLabels("executor-service"), "ingress");

        assertFalse(rules.isEmpty(), "the executor accepts no traffic at all");
        Set<String> allowed = new HashSet<>();
        for (JsonNode rule : rules) {
            assertEquals(Set.of(8082), ports(rule), "executor ingress must be its port 8082 only: " + rule);
            assertTrue(rule.path("from").size() > 0, "an ingress rule without 'from' admits everyone: " + rule);
            for (JsonNode peer : rule.path("from")) {
                assertTrue(peer.path("ipBlock").isMissingNode(), "executor ingress by address: " + peer);
                if (peer.path("namespaceSelector").isMissingNode()) {
                    // the registry's build checks and test runs, from this namespace
                    allowed.add(peer.path("podSelector")
                            .path("matchLabels")
                            .path(NAME)
                            .asText("<any pod>"));
                } else {
                    assertEquals(
                            Map.of(ROLE, "auth-server"),
                            Rendered.labels(peer.path("namespaceSelector").path("matchLabels")),
                            "executor ingress peer is not the auth server's namespace: " + peer);
                    assertTrue(
                            peer.path("namespaceSelector")
                                    .path("matchExpressions")
                                    .isEmpty(),
                            "executor ingress peer is wider than the auth server's namespace: " + peer);
                    allowed.add("auth-server namespace");
                }
            }
        }
        assertEquals(Set.of("auth-server namespace", "action-registry-service"), allowed);
        assertTrue(
                allowsTo(
                        prod.rulesFor(prod.podLabels("action-registry-service"), "egress"),
                        prod.podLabels("executor-service"),
                        8082),
                "registry -> executor-service:8082 (build checks, test runs)");
    }

    @Test
    void theRegistryIsReachedThroughTheIngressNamespaceAndByTheExecutorOnItsApiPort() {
        List<JsonNode> rules = prod.rulesFor(prod.podLabels("action-registry-service"), "ingress");

        assertFalse(rules.isEmpty(), "the registry accepts no traffic at all");
        for (JsonNode rule : rules) {
            assertEquals(Set.of(8081), ports(rule), "registry ingress must be port 8081 only: " + rule);
            for (JsonNode peer : rule.path("from")) {
                boolean ingress = "ingress"
                        .equals(peer.path("namespaceSelector")
                                .path("matchLabels")
                                .path(ROLE)
                                .asText());
                // the executor fetches resolved npm dependency trees (scope read:dependency-bundles)
                boolean executor = peer.path("namespaceSelector").isMissingNode()
                        && "executor-service"
                                .equals(peer.path("podSelector")
                                        .path("matchLabels")
                                        .path("app.kubernetes.io/name")
                                        .asText());
                assertTrue(
                        ingress || executor,
                        "registry ingress peer is neither the ingress namespace nor the executor: " + peer);
            }
        }
        assertTrue(
                allowsTo(
                        prod.rulesFor(prod.podLabels("executor-service"), "egress"),
                        prod.podLabels("action-registry-service"),
                        8081),
                "executor -> action-registry-service:8081 (dependency bundles)");
    }

    @Test
    void theExecutorMayCallTheInternetButNoPrivateRange() {
        List<JsonNode> rules = prod.rulesFor(prod.podLabels("executor-service"), "egress");
        Set<String> mustBeExcluded = Set.of(
                "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "127.0.0.0/8", "100.64.0.0/10");

        boolean internet = false;
        for (JsonNode rule : rules) {
            assertTrue(rule.path("to").size() > 0, "an egress rule without 'to' allows every destination: " + rule);
            for (JsonNode peer : rule.path("to")) {
                JsonNode block = peer.path("ipBlock");
                if (block.path("cidr").asText().equals("0.0.0.0/0")) {
                    internet = true;
                    Set<String> excepted = new HashSet<>();
                    block.path("except").forEach(e -> excepted.add(e.asText()));
                    assertTrue(
                            excepted.containsAll(mustBeExcluded),
                            "internet egress must exclude " + mustBeExcluded + ": " + block);
                } else if (!block.isMissingNode()) {
                    assertTrue(
                            block.path("cidr").asText().equals("::/0")
                                    && block.path("except").toString().contains("fc00::/7"),
                            "unexpected ipBlock in executor egress: " + block);
                }
            }
        }
        assertTrue(internet, "the executor has no egress to the internet (actions call fetch)");
        assertTrue(allowsTo(rules, prod.podLabels("secrets-service"), 8083), "executor -> secrets-service:8083");
        assertTrue(allowsTo(rules, Map.of("cnpg.io/cluster", "openactions-db"), 5432), "executor -> PostgreSQL:5432");
        assertTrue(
                allowsTo(rules, Map.of("strimzi.io/cluster", "openactions", "strimzi.io/kind", "Kafka"), 9093),
                "executor -> Kafka:9093");
        assertTrue(allowsDns(rules), "executor -> DNS");
    }

    @Test
    void theRegistryAndSecretsServiceReachOnlyTheirDependencies() {
        Map<String, Set<Integer>> allowedPorts = Map.of(
                // 443: the npm registry, for dependency resolution
                "action-registry-service", Set.of(53, 443, 5432, 8082, 8083, 9093),
                "secrets-service", Set.of(53, 5432, 8200));
        allowedPorts.forEach((service, ports) -> {
            List<JsonNode> rules = prod.rulesFor(prod.podLabels(service), "egress");
            for (JsonNode rule : rules) {
                assertTrue(
                        rule.path("to").size() > 0,
                        service + ": an egress rule without 'to' allows every destination: " + rule);
                assertTrue(
                        rule.path("ports").size() > 0 && ports.containsAll(ports(rule)),
                        service + " egress beyond " + ports + ": " + rule);
                for (JsonNode peer : rule.path("to")) {
                    JsonNode block = peer.path("ipBlock");
                    if (block.isMissingNode()) {
                        continue;
                    }
                    // only the registry's HTTPS to the npm registry leaves the cluster, and never to a private range
                    assertEquals("action-registry-service", service, service + " egress to an ipBlock: " + peer);
                    assertEquals(Set.of(443), ports(rule), "registry egress to an ipBlock beyond HTTPS: " + rule);
                    Set<String> excepted = new HashSet<>();
                    block.path("except").forEach(e -> excepted.add(e.asText()));
                    assertTrue(
                            excepted.containsAll(Set.of(
                                    "10.0.0.0/8",
                                    "172.16.0.0/12",
                                    "192.168.0.0/16",
                                    "169.254.0.0/16",
                                    "127.0.0.0/8",
                                    "100.64.0.0/10")),
                            "registry egress to the npm registry must exclude private ranges: " + block);
                }
            }
            assertTrue(
                    allowsTo(rules, Map.of("cnpg.io/cluster", "openactions-db"), 5432),
                    service + " -> PostgreSQL:5432");
            assertTrue(allowsDns(rules), service + " -> DNS");
        });
        assertTrue(
                allowsTo(
                        prod.rulesFor(prod.podLabels("action-registry-service"), "egress"),
                        prod.podLabels("secrets-service"),
                        8083),
                "registry -> secrets-service:8083");
    }

    @Test
    void onlyTheServicesOwningASchemaReachPostgres() {
        Map<String, String> database = Map.of("cnpg.io/cluster", "openactions-db");
        List<JsonNode> rules = prod.rulesFor(database, "ingress");

        assertFalse(rules.isEmpty(), "no NetworkPolicy guards the PostgreSQL pods");
        assertTrue(admits(rules, prod.podLabels("action-registry-service"), 5432), "registry -> PostgreSQL");
        assertTrue(admits(rules, prod.podLabels("secrets-service"), 5432), "secrets-service -> PostgreSQL");
        assertTrue(admits(rules, prod.podLabels("executor-service"), 5432), "executor -> PostgreSQL (schema executor)");
    }

    @Test
    void kafkaListenersAdmitOnlyThePlatformAndTheAuthServer() {
        JsonNode listeners =
                prod.one("Kafka", "openactions").spec().path("kafka").path("listeners");

        assertTrue(listeners.size() > 0, "Kafka has no listener");
        for (JsonNode listener : listeners) {
            JsonNode peers = listener.path("networkPolicyPeers");
            assertTrue(
                    peers.size() > 0,
                    "listener " + listener.path("name").asText() + " is open to every pod (no networkPolicyPeers)");
            List<String> admitted = new ArrayList<>();
            for (JsonNode peer : peers) {
                admitted.add(
                        peer.has("namespaceSelector")
                                ? "namespace "
                                        + peer.path("namespaceSelector")
                                                .path("matchLabels")
                                                .path(ROLE)
                                                .asText("<other>")
                                : "pods "
                                        + peer.path("podSelector")
                                                .path("matchLabels")
                                                .path(NAME)
                                                .asText("<other>"));
            }
            assertEquals(
                    Set.of("pods action-registry-service", "pods executor-service", "namespace auth-server"),
                    new HashSet<>(admitted),
                    "listener " + listener.path("name").asText());
        }
    }

    private static Set<Integer> ports(JsonNode rule) {
        Set<Integer> ports = new HashSet<>();
        for (JsonNode port : rule.path("ports")) {
            ports.add(port.path("port").asInt());
        }
        return ports;
    }

    /** Some egress rule lets the pods reach pods with these labels (same namespace) on this port. */
    private static boolean allowsTo(List<JsonNode> rules, Map<String, String> target, int port) {
        for (JsonNode rule : rules) {
            if (!ports(rule).contains(port)) {
                continue;
            }
            for (JsonNode peer : rule.path("to")) {
                if (peer.has("podSelector")
                        && !peer.has("namespaceSelector")
                        && Selectors.matches(peer.get("podSelector"), target)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean allowsDns(List<JsonNode> rules) {
        for (JsonNode rule : rules) {
            if (ports(rule).contains(53)) {
                for (JsonNode peer : rule.path("to")) {
                    if ("kube-system"
                            .equals(peer.path("namespaceSelector")
                                    .path("matchLabels")
                                    .path("kubernetes.io/metadata.name")
                                    .asText())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Some ingress rule admits pods with these labels (same namespace) on this port. */
    private static boolean admits(List<JsonNode> rules, Map<String, String> source, int port) {
        for (JsonNode rule : rules) {
            if (rule.path("ports").size() > 0 && !ports(rule).contains(port)) {
                continue;
            }
            for (JsonNode peer : rule.path("from")) {
                if (peer.has("podSelector")
                        && !peer.has("namespaceSelector")
                        && Selectors.matches(peer.get("podSelector"), source)) {
                    return true;
                }
            }
        }
        return false;
    }
}
