package dev.openactions.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.localstack.DemoScenario;
import dev.openactions.localstack.HttpSink;
import dev.openactions.localstack.KafkaBroker;
import dev.openactions.localstack.PlatformClient;
import dev.openactions.localstack.PlatformServices;
import dev.openactions.localstack.PostgresServer;
import dev.openactions.localstack.ProjectLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The walking skeleton end to end: the three packaged services as processes, a real PostgreSQL
 * server and a real Kafka broker, driven only through their public interfaces.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "default";
    private static final Duration PROPAGATION = Duration.ofSeconds(60);

    private static PostgresServer postgres;
    private static KafkaBroker kafka;
    private static PlatformServices services;
    private static HttpSink sink;
    private static PlatformClient platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        ProjectLayout layout = ProjectLayout.locate();
        Path work = Files.createTempDirectory("openactions-e2e-");
        postgres = PostgresServer.start(0, null);
        kafka = KafkaBroker.start(layout, 0, work.resolve("kafka"), work.resolve("logs/kafka.log"))
                .createPlatformTopics();
        sink = HttpSink.start();
        services = PlatformServices.start(
                layout,
                postgres,
                kafka,
                PlatformServices.Ports.random(),
                work,
                Map.of("executor.fetch.allowed-private-hosts", "127.0.0.1"));
        platform = services.client(TENANT, kafka.bootstrapServers());
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
        if (services != null) {
            services.close();
        }
        if (sink != null) {
            sink.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static ObjectNode loginEvent(String ip) {
        ObjectNode event = JSON.createObjectNode();
        event.putObject("user").put("user_id", "auth0|e2e").put("email", "e2e@example.com");
        event.putObject("request").put("ip", ip);
        return event;
    }

    @Test
    @Order(1)
    void theDemoScenarioEmailsNewUsersAndAddsTheLoginClaim() {
        sink.clear();
        DemoScenario.seed(platform, sink.url(), "demo-key-e2e");
        DemoScenario.Outcome outcome = DemoScenario.run(platform, sink, TENANT, PROPAGATION);

        assertThat(outcome.email().path()).isEqualTo("/v1/send");
        assertThat(outcome.email().header("authorization")).isEqualTo("Bearer demo-key-e2e");
        assertThat(outcome.email().body())
                .contains("\"to\":\"ada@example.com\"")
                .contains("New user registered");
        assertThat(outcome.loginResponse()
                        .path("effects")
                        .path("access_token")
                        .path("claims")
                        .path("https://openactions.dev/plan")
                        .asText())
                .isEqualTo("enterprise");
    }

    @Test
    @Order(2)
    void aPostLoginActionRunsWithItsSecretAndCanDeny() throws Exception {
        String secret = "claim-secret-" + UUID.randomUUID();
        String code = """
                exports.onExecutePostLogin = async (event, api) => {
                  if (event.request.ip === '192.0.2.66') { api.access.deny('blocked by policy'); return; }
                  api.accessToken.setCustomClaim('https://example.com/proof', event.secrets.SIGNING_SALT.length);
                  api.accessToken.setCustomClaim('https://example.com/email', event.user.email);
                };""";
        PlatformClient.Reply created = platform.createAction(PlatformClient.actionJson(
                        "e2e-login-" + UUID.randomUUID(), "post-login", code, List.<String[]>of(new String[] {
                            "SIGNING_SALT", secret
                        })))
                .expect(201);
        assertThat(created.raw()).doesNotContain(secret);
        String id = created.body().path("id").asText();

        // the value lives only in secrets-service, and only as ciphertext
        try (Connection c = postgres.connect();
                Statement s = c.createStatement()) {
            ResultSet registryRows = s.executeQuery("select count(*) from registry.actions where secrets::text like '%"
                    + secret + "%' or code like '%" + secret + "%'");
            registryRows.next();
            assertThat(registryRows.getInt(1)).isZero();
            ResultSet secretRows =
                    s.executeQuery("select ciphertext from secrets.secret_values where owner_id = '" + id + "'");
            assertThat(secretRows.next()).isTrue();
            assertThat(new String(secretRows.getBytes(1), StandardCharsets.ISO_8859_1))
                    .doesNotContain(secret);
        }

        assertThat(platform.deployAndAwaitBuilt(id, PROPAGATION).path("number").asInt())
                .isEqualTo(1);
        platform.bind("post-login", List.of(id)).expect(200);

        JsonNode allowed = await().atMost(PROPAGATION)
                .until(
                        () -> platform.runFlow("post-login", loginEvent("198.51.100.1"))
                                .expect(200)
                                .body(),
                        body -> body.path("effects")
                                .path("access_token")
                                .path("claims")
                                .has("https://example.com/proof"));
        assertThat(allowed.path("status").asText()).isEqualTo("completed");
        assertThat(allowed.path("effects")
                        .path("access_token")
                        .path("claims")
                        .path("https://example.com/proof")
                        .asInt())
                .isEqualTo(secret.length());
        assertThat(allowed.path("commands").get(0).path("type").asText()).isEqualTo("accessToken.setCustomClaim");
        assertThat(allowed.toString()).doesNotContain(secret);

        JsonNode denied = platform.runFlow("post-login", loginEvent("192.0.2.66"))
                .expect(200)
                .body();
        assertThat(denied.path("status").asText()).isEqualTo("denied");
        assertThat(denied.path("effects").path("access").path("reason").asText())
                .isEqualTo("blocked by policy");
        assertThat(denied.path("commands").get(0).path("type").asText()).isEqualTo("access.deny");
    }

    @Test
    @Order(3)
    void aRegistrationEventRunsTheBoundActionThatCallsOutWithASecretHeader() {
        sink.clear();
        String webhookSecret = "whsec_" + UUID.randomUUID();
        String code = """
                exports.onExecutePostUserRegistration = async (event, api) => {
                  await fetch('%s/webhooks/registered', { method: 'POST',
                    headers: { 'x-webhook-secret': event.secrets.WEBHOOK_SECRET, 'x-event-id': event.transaction.id },
                    body: JSON.stringify({ user_id: event.user.user_id }) });
                };""".formatted(sink.url());
        String id = platform.createAction(PlatformClient.actionJson(
                        "e2e-webhook-" + UUID.randomUUID(),
                        "post-user-registration",
                        code,
                        List.<String[]>of(new String[] {"WEBHOOK_SECRET", webhookSecret})))
                .expect(201)
                .body()
                .path("id")
                .asText();
        platform.deployAndAwaitBuilt(id, PROPAGATION);
        platform.bind("post-user-registration", List.of(id)).expect(200);

        // the flow change must reach the executor before the event does, as it would in production; an
        // event that arrives first is a recorded no-op, and its id never runs again (ADR 7): each try is a new event
        List<String> eventIds = new ArrayList<>();
        ObjectNode data = JSON.createObjectNode();
        data.putObject("user").put("user_id", "auth0|new-user").put("email", "new@example.com");
        await().atMost(PROPAGATION).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            String eventId = "evt_" + UUID.randomUUID();
            eventIds.add(eventId);
            platform.publishIdentityEvent(
                    "identity.user-registered", "identity.user.registered.v1", eventId, TENANT, data);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> sink.received().stream().anyMatch(r -> r.path().equals("/webhooks/registered")));
        });
        HttpSink.Received call = sink.received().stream()
                .filter(r -> r.path().equals("/webhooks/registered"))
                .findFirst()
                .orElseThrow();
        assertThat(call.header("x-webhook-secret")).isEqualTo(webhookSecret);
        assertThat(call.header("x-event-id")).isIn(eventIds);
        assertThat(call.body()).contains("auth0|new-user");
    }

    @Test
    @Order(4)
    void anActionThatThrowsFailsItsExecutionAndTheServicesStayUp() {
        String id = platform.createAction(PlatformClient.actionJson(
                        "e2e-thrower-" + UUID.randomUUID(),
                        "credentials-exchange",
                        "exports.onExecuteCredentialsExchange = async () => { null.boom(); };",
                        List.of()))
                .expect(201)
                .body()
                .path("id")
                .asText();
        platform.deployAndAwaitBuilt(id, PROPAGATION);
        platform.bind("credentials-exchange", List.of(id)).expect(200);
        ObjectNode event = JSON.createObjectNode();
        event.putObject("client").put("client_id", "m2m-client");

        JsonNode failed = await().atMost(PROPAGATION)
                .until(
                        () -> platform.runFlow("credentials-exchange", event)
                                .expect(200)
                                .body(),
                        body -> body.path("results").size() == 1);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("results").get(0).path("error").path("id").asText())
                .isEqualTo("action_failed");
        assertThat(failed.toString()).doesNotContain("boom").doesNotContain("TypeError");
        for (var service : services.all()) {
            platform.send("GET", service.baseUrl() + "/q/health/ready", null).expect(200);
        }
    }

    @Test
    @Order(5)
    void aVersionWithASyntaxErrorFailsItsBuildInTheExecutorsEngine() {
        String id = platform.createAction(PlatformClient.actionJson(
                        "e2e-typo-" + UUID.randomUUID(),
                        "post-login",
                        "exports.onExecutePostLogin = async (event, api) => {\n  api.access.deny(;\n};",
                        List.of()))
                .expect(201)
                .body()
                .path("id")
                .asText();
        String versionId = platform.deploy(id).expect(202).body().path("id").asText();
        JsonNode failed = await().atMost(PROPAGATION)
                .until(
                        () -> platform.send(
                                        "GET",
                                        services.registry().baseUrl() + "/api/v2/actions/actions/" + id + "/versions/"
                                                + versionId,
                                        null)
                                .expect(200)
                                .body(),
                        version -> "failed".equals(version.path("status").asText()));
        assertThat(failed.path("errors").get(0).path("msg").asText()).contains("line 2");
        assertThat(failed.path("deployed").asBoolean()).isFalse();
    }

    @Test
    @Order(6)
    void badInputGetsProblemDetailsFromEveryService() {
        PlatformClient.Reply badAction =
                platform.send("POST", services.registry().baseUrl() + "/api/v2/actions/actions", "{\"name\":");
        assertThat(badAction.status()).isEqualTo(400);
        assertThat(badAction.body().path("status").asInt()).isEqualTo(400);
        PlatformClient.Reply badFlow =
                platform.send("POST", services.executor().baseUrl() + "/api/v1/flows/post-login", "{\"event\":42}");
        assertThat(badFlow.status()).isEqualTo(400);
        String registryIdentity = services.tokens()
                .mint("action-registry-service", null, List.of("write:secrets"), Duration.ofMinutes(5));
        PlatformClient.Reply badSecrets = platform.send(
                "PUT",
                services.secrets().baseUrl() + "/internal/v1/tenants/default/owners/x/secrets",
                "{\"secrets\":[{\"name\":\"no spaces allowed\",\"value\":\"v\"}]}",
                registryIdentity);
        assertThat(badSecrets.status()).isEqualTo(400);
        assertThat(List.of(badAction.raw(), badFlow.raw(), badSecrets.raw()))
                .allSatisfy(raw -> assertThat(raw).doesNotContain("at dev.openactions"));
    }

    @Test
    @Order(7)
    void everyServiceWantsATokenAndKeepsTenantsApart() {
        ObjectNode run = JSON.createObjectNode();
        run.set("event", loginEvent("198.51.100.9"));
        String flows = services.executor().baseUrl() + "/api/v1/flows/post-login";
        String actions = services.registry().baseUrl() + "/api/v2/actions/actions";
        String decrypt = services.secrets().baseUrl() + "/internal/v1/tenants/default/owners/x/secrets/decrypt";
        for (String[] call :
                List.of(new String[] {"GET", actions}, new String[] {"POST", flows}, new String[] {"POST", decrypt})) {
            PlatformClient.Reply anonymous =
                    platform.send(call[0], call[1], call[0].equals("GET") ? null : run.toString(), null);
            assertThat(anonymous.status()).as(call[1]).isEqualTo(401);
            assertThat(anonymous.body().path("status").asInt()).isEqualTo(401);
        }
        // tenant "other" sees none of the default tenant's actions, and its logins run none of its flows
        var tokens = services.tokens();
        String otherCi = tokens.mint("other-ci", "other", PlatformClient.MANAGEMENT_SCOPES, Duration.ofMinutes(5));
        assertThat(platform.send("GET", actions, null, otherCi)
                        .expect(200)
                        .body()
                        .path("total")
                        .asInt())
                .isZero();
        String otherAuthServer = tokens.mint("other-auth", "other", PlatformClient.FLOW_SCOPES, Duration.ofMinutes(5));
        JsonNode otherLogin = platform.send("POST", flows, run.toString(), otherAuthServer)
                .expect(200)
                .body();
        assertThat(otherLogin.path("commands")).isEmpty();
        assertThat(platform.runFlow("post-login", loginEvent("198.51.100.9"))
                        .expect(200)
                        .body()
                        .path("commands"))
                .isNotEmpty();
        // a tenant's CI token cannot run flows, and only the executor's identity decrypts secrets
        assertThat(platform.send("POST", flows, run.toString(), otherCi).status())
                .isEqualTo(403);
        String registryIdentity = tokens.mint(
                "action-registry-service", null, List.of("read:secrets", "write:secrets"), Duration.ofMinutes(5));
        assertThat(platform.send("POST", decrypt, null, registryIdentity).status())
                .isEqualTo(403);
    }
}
