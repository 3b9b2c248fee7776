package dev.openactions.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.localstack.FreePorts;
import dev.openactions.localstack.KafkaBroker;
import dev.openactions.localstack.PlatformServices;
import dev.openactions.localstack.PostgresServer;
import dev.openactions.localstack.ProjectLayout;
import dev.openactions.localstack.ServiceProcess;
import dev.openactions.localstack.SigningKeys;
import dev.openactions.localstack.TokenMint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Production-safe defaults (docs/configuration.md: keys without a safe default are required), with
 * packaged services as they run in production:
 * two executor processes that share the continuation signing key and the database resume each
 * other's suspended logins, once; a service missing a key it needs refuses to start with a message
 * that names the setting, instead of inventing a key that breaks replicas or loses stored values.
 */
class ProductionDefaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TENANT = "default";
    private static final String USER = "{\"user_id\":\"auth0|replica\",\"email\":\"r@example.com\"}";

    private static ProjectLayout layout;
    private static Path work;
    private static SigningKeys keys;
    private static PostgresServer postgres;
    private static KafkaBroker kafka;
    private static ServiceProcess first;
    private static ServiceProcess second;
    private static String bearer;

    @BeforeAll
    static void start() throws Exception {
        layout = ProjectLayout.locate();
        work = Files.createTempDirectory("openactions-production-");
        keys = SigningKeys.inDirectory(work.resolve("keys"));
        postgres = PostgresServer.start(0, null);
        kafka = KafkaBroker.start(layout, 0, work.resolve("kafka"), work.resolve("logs/kafka.log"))
                .createPlatformTopics();
        first = executor("executor-1", keys.continuationKey());
        second = executor("executor-2", keys.continuationKey());
        first.awaitReady(Duration.ofSeconds(120));
        second.awaitReady(Duration.ofSeconds(120));
        bearer = TokenMint.local(keys).mint("auth-server", TENANT, List.of("execute:flows"), Duration.ofHours(1));
        publishFlow();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {first, second, kafka, postgres}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void aLoginSuspendedOnOneReplicaResumesOnTheOtherOnce() throws Exception {
        JsonNode suspended = awaitSuspendedLogin(first);
        String continuation = suspended.path("continuation").path("token").asText();
        String resume = "{\"continuation_token\":\"" + continuation + "\",\"event\":{\"user\":" + USER
                + ",\"request\":{\"query\":{\"state\":\"s\"}}}}";

        HttpResponse<String> resumed = post(second, "/api/v1/flows/post-login/continue", resume);
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        JsonNode done = JSON.readTree(resumed.body());
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("execution_id").asText())
                .isEqualTo(suspended.path("execution_id").asText());
        assertThat(done.path("effects")
                        .path("access_token")
                        .path("claims")
                        .path("resumed")
                        .asBoolean())
                .isTrue();

        for (ServiceProcess replica : List.of(first, second)) {
            HttpResponse<String> replay = post(replica, "/api/v1/flows/post-login/continue", resume);
            assertThat(replay.statusCode()).as("replay on " + replica.name()).isEqualTo(400);
            assertThat(replay.headers().firstValue("content-type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(replay.body()).contains("already been used");
        }
    }

    @Test
    void anExecutorWithoutAContinuationSigningKeyRefusesToStart() {
        try (ServiceProcess keyless = executor("executor-keyless", "")) {
            assertRefusesToStart(keyless, "executor.continuation.signing-key");
        }
    }

    @Test
    void aSecretsServiceWithoutAKeyProviderRefusesToStart() {
        try (ServiceProcess secrets = secretsService("secrets-no-provider", Map.of())) {
            assertRefusesToStart(secrets, "secrets.key-provider");
        }
    }

    @Test
    void aSecretsServiceWhoseKeyFileIsMissingRefusesToStartInsteadOfMakingANewKey() {
        Path missing = work.resolve("no-such-dir/secrets-kek");
        try (ServiceProcess secrets = secretsService(
                "secrets-missing-kek",
                Map.of("secrets.key-provider", "local", "secrets.local.key-file", missing.toString()))) {
            assertRefusesToStart(secrets, "does not exist");
        }
        assertThat(missing).doesNotExist();
    }

    private static void assertRefusesToStart(ServiceProcess service, String named) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> !service.isAlive());
        assertThat(service.logTail()).contains(named);
    }

    /** A packaged executor replica verifying this test's tokens; an empty signing key means none is set. */
    private static ServiceProcess executor(String name, String continuationKey) {
        Map<String, String> config = new HashMap<>(Map.of(
                "quarkus.rest-client.secrets-service.url",
                "http://127.0.0.1:9", // no secrets are bound
                "mp.jwt.verify.publickey.location",
                keys.publicKey().toUri().toString(),
                "smallrye.jwt.sign.key.location",
                keys.privateKey().toUri().toString(),
                "executor.continuation.signing-key",
                continuationKey));
        return PlatformServices.startExecutor(
                layout, postgres, kafka, 0, config, work.resolve("logs/" + name + ".log"));
    }

    private static ServiceProcess secretsService(String name, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.username", "secrets",
                "quarkus.datasource.password", postgres.createServiceRole("secrets"),
                "mp.jwt.verify.publickey.location", keys.publicKey().toUri().toString()));
        config.putAll(extra);
        return ServiceProcess.start(
                PlatformServices.SECRETS,
                layout.serviceJar(PlatformServices.SECRETS),
                FreePorts.next(),
                List.of("-Xmx256m"),
                config,
                work.resolve("logs/" + name + ".log"));
    }

    /** The flow snapshot reaches each replica's view through Kafka: retry the login until it suspends. */
    private static JsonNode awaitSuspendedLogin(ServiceProcess replica) {
        JsonNode[] suspended = new JsonNode[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    HttpResponse<String> login =
                            post(replica, "/api/v1/flows/post-login", "{\"event\":{\"user\":" + USER + "}}");
                    JsonNode body = JSON.readTree(login.body());
                    suspended[0] = body;
                    return login.statusCode() == 200
                            && "suspended".equals(body.path("status").asText());
                });
        return suspended[0];
    }

    private static HttpResponse<String> post(ServiceProcess replica, String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(replica.baseUrl() + path))
                        .header("Authorization", "Bearer " + bearer)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void publishFlow() throws Exception {
        String code = """
                exports.onExecutePostLogin = async (event, api) => { api.redirect.sendUserTo('https://verify.example.com/start'); };
                exports.onContinuePostLogin = async (event, api) => { api.accessToken.setCustomClaim('resumed', true); };""";
        ObjectNode action = JSON.createObjectNode()
                .put("binding_id", UUID.randomUUID().toString())
                .put("display_name", "verify")
                .put("action_id", UUID.randomUUID().toString())
                .put("action_name", "verify")
                .put("version_id", UUID.randomUUID().toString())
                .put("version_number", 1)
                .put("code", code)
                .put("runtime", "node22")
                .put("on_error", "fail");
        action.putArray("secret_names");
        ObjectNode snapshot = JSON.createObjectNode()
                .put("tenant_id", TENANT)
                .put("trigger_id", "post-login")
                .put("revision", System.currentTimeMillis())
                .put("published_at", Instant.now().toString());
        ((ArrayNode) snapshot.putArray("actions")).add(action);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(
                            "actions.flows", TENANT + "/post-login", JSON.writeValueAsString(snapshot)))
                    .get(30, TimeUnit.SECONDS);
        }
    }
}
