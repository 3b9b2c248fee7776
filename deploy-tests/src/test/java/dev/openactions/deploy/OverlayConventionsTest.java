package dev.openactions.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every overlay must keep: hardening, the services' configuration keys, topics, ACLs, no secret values. */
@RequiresKubectl
class OverlayConventionsTest {

    /** Secrets the manifests reference; each is created by an operator or by a person and listed in deploy/README.md. */
    private static final Set<String> KNOWN_SECRETS = Set.of(
            "openactions-db-registry",
            "openactions-db-secrets",
            "openactions-db-executor",
            "openactions-db-ca",
            "action-registry-service",
            "executor-service",
            "openactions-cluster-ca-cert",
            "vault-ca",
            "openactions-db-backup-s3",
            "openactions-service-signing-key",
            "openactions-executor-continuation");

    private static final Map<String, Integer> PORTS =
            Map.of("action-registry-service", 8081, "executor-service", 8082, "secrets-service", 8083);

    static Stream<String> overlays() {
        return Kustomize.overlays().stream().map(p -> p.getFileName().toString());
    }

    @ParameterizedTest(name = "overlay {0}")
    @MethodSource("overlays")
    void objectsAreLabelledAndLiveInTheOpenactionsNamespace(String overlay) {
        for (KubeObject object : Rendered.overlay(overlay).objects()) {
            assertEquals(
                    "openactions",
                    object.label("app.kubernetes.io/part-of"),
                    object + " lacks app.kubernetes.io/part-of");
            if (!object.kind().equals("Namespace")) {
                assertEquals("openactions", object.namespace(), object + " is not in namespace openactions");
            }
        }
    }

    @ParameterizedTest(name = "overlay {0}")
    @MethodSource("overlays")
    void noSecretValueIsCommittedAndEveryReferencedSecretIsDocumented(String overlay) throws IOException {
        Rendered rendered = Rendered.overlay(overlay);
        assertTrue(
                rendered.ofKind("Secret").isEmpty(),
                "Secrets are created by operators, never rendered from the repository");

        Set<String> referenced = new TreeSet<>();
        collectSecretNames(rendered.objects().stream().map(KubeObject::node).toList(), referenced);
        assertTrue(KNOWN_SECRETS.containsAll(referenced), "undocumented Secret(s): " + diff(referenced, KNOWN_SECRETS));
        String readme = Files.readString(Kustomize.repositoryRoot().resolve("deploy/README.md"));
        for (String secret : referenced) {
            assertTrue(readme.contains("`" + secret + "`"), "deploy/README.md does not list Secret " + secret);
        }
    }

    @ParameterizedTest(name = "overlay {0}")
    @MethodSource("overlays")
    void servicesRunHardenedWithProbesAndResources(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        for (String service : Rendered.SERVICES) {
            JsonNode pod =
                    rendered.one("Deployment", service).spec().path("template").path("spec");
            JsonNode container = pod.path("containers").get(0);
            String where = overlay + " " + service + ": ";

            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), where + "runAsNonRoot");
            assertEquals(185, pod.path("securityContext").path("runAsUser").asInt(), where + "runAsUser");
            assertEquals(
                    "RuntimeDefault",
                    pod.path("securityContext")
                            .path("seccompProfile")
                            .path("type")
                            .asText(),
                    where + "seccomp");
            JsonNode security = container.path("securityContext");
            assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), where + "readOnlyRootFilesystem");
            assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), where + "allowPrivilegeEscalation");
            assertEquals("[\"ALL\"]", security.path("capabilities").path("drop").toString(), where + "capabilities");
            assertTrue(
                    mountsEmptyDirAt(pod, container, "/tmp"),
                    where + "needs a writable /tmp (emptyDir) on a read-only root");

            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertTrue(
                            container.path("resources").path(kind).has(resource),
                            where + "resources." + kind + "." + resource);
                }
            }
            assertEquals(
                    PORTS.get(service),
                    container.path("ports").get(0).path("containerPort").asInt(),
                    where + "port");
            assertEquals(
                    "/q/health/live",
                    container.path("livenessProbe").path("httpGet").path("path").asText(),
                    where + "liveness");
            assertEquals(
                    "/q/health/ready",
                    container
                            .path("readinessProbe")
                            .path("httpGet")
                            .path("path")
                            .asText(),
                    where + "readiness");
            assertTrue(
                    container.path("image").asText().startsWith("openactions/" + service + ":"),
                    where + "image " + container.path("image"));
        }
        String jvm = rendered.environment("executor-service").get("JDK_JAVA_OPTIONS");
        for (String flag : List.of(
                "-XX:InitialRAMPercentage=60",
                "-XX:MaxRAMPercentage=60",
                "-XX:+UnlockExperimentalVMOptions",
                "-XX:+EnableJVMCI",
                "--upgrade-module-path=/deployments/graal-jit",
                "--enable-native-access=ALL-UNNAMED",
                "-XX:CICompilerCount=4",
                "-Dpolyglot.engine.CompilerThreads=2")) {
            assertTrue(jvm.contains(flag), overlay + " executor JVM flags lack " + flag + ": " + jvm);
        }
    }

    @ParameterizedTest(name = "overlay {0}")
    @MethodSource("overlays")
    void servicesGetTheConfigurationKeysTheyRead(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        Map<String, String> registry = rendered.environment("action-registry-service");
        Map<String, String> executor = rendered.environment("executor-service");
        Map<String, String> secrets = rendered.environment("secrets-service");

        for (Map<String, String> env : List.of(registry, secrets, executor)) {
            assertTrue(env.get("QUARKUS_DATASOURCE_JDBC_URL")
                    .startsWith("jdbc:postgresql://openactions-db-rw:5432/openactions"));
            assertTrue(env.get("QUARKUS_DATASOURCE_USERNAME").startsWith("secret:"), "database user from a Secret");
            assertTrue(env.get("QUARKUS_DATASOURCE_PASSWORD").startsWith("secret:"), "database password from a Secret");
        }
        assertEquals("secret:openactions-db-registry/password", registry.get("QUARKUS_DATASOURCE_PASSWORD"));
        assertEquals("secret:openactions-db-secrets/password", secrets.get("QUARKUS_DATASOURCE_PASSWORD"));
        assertEquals("secret:openactions-db-executor/password", executor.get("QUARKUS_DATASOURCE_PASSWORD"));
        assertEquals("false", executor.get("EXECUTOR_EVENTS_CREATE_TOPICS"), "Strimzi owns the identity topics");
        assertEquals(
                "secret:openactions-executor-continuation/signing-key",
                executor.get("EXECUTOR_CONTINUATION_SIGNING_KEY"),
                "every executor replica signs continuation tokens with one key from a Secret");
        for (Map<String, String> env : List.of(registry, executor)) {
            assertEquals("openactions-kafka-bootstrap:9093", env.get("KAFKA_BOOTSTRAP_SERVERS"));
            assertEquals("http://secrets-service:8083", env.get("QUARKUS_REST_CLIENT_SECRETS_SERVICE_URL"));
            assertTrue(
                    env.get("KAFKA_SASL_JAAS_CONFIG").startsWith("secret:"),
                    "Kafka credentials from the KafkaUser Secret");
        }
        for (Map<String, String> env : List.of(registry, secrets, executor)) {
            assertTrue(
                    env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION").startsWith("https://"),
                    "tokens verified against a JWKS URL");
            assertTrue(
                    env.containsKey("MP_JWT_VERIFY_ISSUER") && env.containsKey("MP_JWT_VERIFY_AUDIENCES"),
                    "issuer and audience checked");
        }
        for (Map<String, String> env : List.of(registry, executor)) {
            assertEquals(
                    "/etc/openactions/service-key/private.pem",
                    env.get("SMALLRYE_JWT_SIGN_KEY_LOCATION"),
                    "service identity key");
        }
        assertEquals("vault-transit", secrets.get("SECRETS_KEY_PROVIDER"));
        assertEquals("secrets-service", secrets.get("QUARKUS_VAULT_AUTHENTICATION_KUBERNETES_ROLE"));
        assertEquals("openactions-secrets", secrets.get("SECRETS_VAULT_TRANSIT_KEY"));
        assertTrue(
                secrets.get("QUARKUS_VAULT_URL").matches("https?://vault\\.vault\\.svc:8200"),
                secrets.get("QUARKUS_VAULT_URL"));
    }

    @ParameterizedTest(name = "overlay {0}")
    @MethodSource("overlays")
    void topicsExistWithTheirContract(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        Set<String> topics = new TreeSet<>();
        rendered.ofKind("KafkaTopic").forEach(t -> topics.add(t.name()));
        assertEquals(
                new TreeSet<>(List.of(
                        "actions.flows",
                        "actions.executions",
                        "actions.executions.dlq",
                        "identity.user-registered",
                        "identity.user-registered.retry",
                        "identity.user-registered.dlq",
                        "identity.password-changed",
                        "identity.password-changed.retry",
                        "identity.password-changed.dlq")),
                topics);

        JsonNode flows = rendered.one("KafkaTopic", "actions.flows").spec();
        assertEquals("compact", flows.path("config").path("cleanup.policy").asText());
        assertEquals(3, flows.path("partitions").asInt());
        assertEquals(
                864_000_000L,
                rendered.one("KafkaTopic", "actions.executions")
                        .spec()
                        .path("config")
                        .path("retention.ms")
                        .asLong(),
                "actions.executions keeps 10 days");
        for (KubeObject topic : rendered.ofKind("KafkaTopic")) {
            assertEquals(
                    "openactions", topic.label("strimzi.io/cluster"), topic + " is not bound to the Kafka cluster");
        }
    }

    @ParameterizedTest(name = "overlay {0}")
    @MethodSource("overlays")
    void kafkaUsersHoldTheAclsTheirServiceNeeds(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        KubeObject registry = rendered.one("KafkaUser", "action-registry-service");
        KubeObject executor = rendered.one("KafkaUser", "executor-service");

        assertTrue(allows(registry, "topic", "actions.flows", "Write"));
        assertTrue(allows(registry, "topic", "actions.executions", "Read"));
        assertTrue(allows(registry, "group", "action-registry", "Read"));
        assertTrue(
                allows(registry, "topic", "actions.executions.dlq", "Write"),
                "poison execution records are dead-lettered");
        assertTrue(
                allows(registry, "group", "action-registry-live-" + UUID.randomUUID(), "Read"),
                "the console's live stream reads in a group of its own per replica");
        assertFalse(allows(registry, "topic", "identity.user-registered", "Read"));

        assertTrue(allows(executor, "topic", "actions.flows", "Read"));
        assertFalse(allows(executor, "topic", "actions.flows", "Write"), "only the registry publishes flow snapshots");
        assertTrue(allows(executor, "group", "executor", "Read"));
        assertTrue(allows(executor, "topic", "actions.executions", "Write"));
        for (String source : List.of("identity.user-registered", "identity.password-changed")) {
            assertTrue(allows(executor, "topic", source, "Read"));
            assertTrue(allows(executor, "topic", source + ".retry", "Read"));
            assertTrue(allows(executor, "topic", source + ".retry", "Write"));
            assertTrue(allows(executor, "topic", source + ".dlq", "Write"));
            // the admin replay reads dead letters and puts them back on their topic
            assertTrue(allows(executor, "topic", source + ".dlq", "Read"));
            assertTrue(allows(executor, "topic", source, "Write"));
        }
    }

    private static boolean allows(KubeObject user, String type, String name, String operation) {
        for (JsonNode acl : user.spec().path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            boolean matches = resource.path("type").asText().equals(type)
                    && (resource.path("patternType").asText("literal").equals("prefix")
                            ? name.startsWith(resource.path("name").asText())
                            : name.equals(resource.path("name").asText()));
            if (matches && !acl.path("type").asText("allow").equals("deny")) {
                for (JsonNode op : acl.path("operations")) {
                    if (op.asText().equals(operation) || op.asText().equals("All")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean mountsEmptyDirAt(JsonNode pod, JsonNode container, String path) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(path)) {
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.path("name").asText().equals(mount.path("name").asText()) && volume.has("emptyDir")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Names under secretKeyRef, secret volumes, and Secret references of the custom resources. */
    private static void collectSecretNames(List<JsonNode> nodes, Set<String> into) {
        for (JsonNode node : nodes) {
            walk(node, null, into);
        }
    }

    private static void walk(JsonNode node, String field, Set<String> into) {
        if (node.isObject()) {
            if ("secretKeyRef".equals(field)
                    || "passwordSecret".equals(field)
                    || "accessKeyId".equals(field)
                    || "secretAccessKey".equals(field)) {
                into.add(node.path("name").asText());
            }
            if ("secret".equals(field) && node.has("secretName")) {
                into.add(node.path("secretName").asText());
            }
            node.fields().forEachRemaining(e -> walk(e.getValue(), e.getKey(), into));
        } else if (node.isArray()) {
            node.forEach(child -> walk(child, field, into));
        }
    }

    private static Set<String> diff(Set<String> a, Set<String> b) {
        Set<String> d = new HashSet<>(a);
        d.removeAll(b);
        return d;
    }
}
