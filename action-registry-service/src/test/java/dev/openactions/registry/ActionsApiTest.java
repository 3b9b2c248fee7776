package dev.openactions.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.Topics;
import dev.openactions.localstack.HttpSink;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.KafkaTestClient;
import dev.openactions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
class ActionsApiTest {
    private static final String ACTIONS = "/api/v2/actions/actions";
    private static final String PLANTED = "re_planted_" + UUID.randomUUID();

    @HttpSinkResource.InjectHttpSink
    HttpSink secretsService;

    @ExecutorStubResource.InjectExecutor
    ExecutorStub executor;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void secretsServiceAnswers() {
        executor.reset();
        secretsService.clear();
        secretsService.respondWith(
                200, "{\"secrets\":[{\"name\":\"MAIL_API_KEY\",\"updated_at\":\"2026-11-22T08:00:00Z\"}]}");
    }

    private static String createBody(String name, String trigger, String code, boolean withSecret) {
        String secrets = withSecret ? ",\"secrets\":[{\"name\":\"MAIL_API_KEY\",\"value\":\"" + PLANTED + "\"}]" : "";
        return """
                {"name":"%s","supported_triggers":[{"id":"%s","version":"v3"}],"code":%s,"runtime":"node22"%s}""".formatted(name, trigger, quote(code), secrets);
    }

    private static String quote(String code) {
        return "\"" + code.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private String create(String name, boolean withSecret) {
        return given().contentType(ContentType.JSON)
                .body(createBody(
                        name, "post-login", "exports.onExecutePostLogin = async (event, api) => {};", withSecret))
                .post(ACTIONS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private void deploy(String id) {
        RegistryApi.deployBuilt(id);
    }

    private void bind(String trigger, String... actionIds) {
        StringBuilder body = new StringBuilder("{\"bindings\":[");
        for (int i = 0; i < actionIds.length; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"ref\":{\"type\":\"action_id\",\"value\":\"")
                    .append(actionIds[i])
                    .append("\"}}");
        }
        given().contentType(ContentType.JSON)
                .body(body.append("]}").toString())
                .patch("/api/v2/actions/triggers/" + trigger + "/bindings")
                .then()
                .statusCode(200);
    }

    @Test
    void createStoresSecretValuesInTheSecretsServiceAndReturnsOnlyNames() {
        String name = "mailer-" + UUID.randomUUID();
        String response = given().contentType(ContentType.JSON)
                .body(createBody(name, "post-login", "exports.onExecutePostLogin = async () => {};", true))
                .post(ACTIONS)
                .then()
                .statusCode(201)
                .body("name", equalTo(name))
                .body("supported_triggers[0].id", equalTo("post-login"))
                .body("secrets[0].name", equalTo("MAIL_API_KEY"))
                .body("secrets[0]", not(hasKey("value")))
                .body("status", equalTo("built"))
                .body("all_changes_deployed", equalTo(false))
                .extract()
                .asString();
        assertThat(response).doesNotContain(PLANTED);

        HttpSink.Received stored = secretsService.received().get(0);
        assertThat(stored.method()).isEqualTo("PUT");
        assertThat(stored.path())
                .startsWith("/internal/v1/tenants/default/owners/")
                .endsWith("/secrets");
        assertThat(stored.body()).contains(PLANTED);

        String id = given().get(ACTIONS)
                .then()
                .statusCode(200)
                .extract()
                .path("actions.find { it.name == '" + name + "' }.id");
        given().get(ACTIONS + "/" + id).then().statusCode(200).body(not(containsString(PLANTED)));
    }

    @Test
    void deployMakesImmutableNumberedVersions() {
        String id = create("versioned-" + UUID.randomUUID(), false);
        String first = given().post(ACTIONS + "/" + id + "/deploy")
                .then()
                .statusCode(202)
                .body("number", equalTo(1))
                .body("deployed", equalTo(false))
                .body("status", equalTo("pending"))
                .body("action_id", equalTo(id))
                .extract()
                .path("id");
        RegistryApi.awaitVersionStatus(id, first, "built");
        String second = given().post(ACTIONS + "/" + id + "/deploy")
                .then()
                .statusCode(202)
                .body("number", equalTo(2))
                .extract()
                .path("id");
        await().atMost(RegistryApi.BUILD_TIMEOUT)
                .until(() -> RegistryApi.version(id, second).getBoolean("deployed"));

        given().get(ACTIONS + "/" + id)
                .then()
                .statusCode(200)
                .body("deployed_version.number", equalTo(2))
                .body("all_changes_deployed", equalTo(true));
        given().get(ACTIONS + "/" + id + "/versions")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("versions.number", contains(2, 1))
                .body("versions.deployed", contains(true, false));
    }

    @Test
    void bindingPublishesTheFlowSnapshotThroughTheOutbox() throws Exception {
        String first = create("first-" + UUID.randomUUID(), true);
        String second = create("second-" + UUID.randomUUID(), false);
        deploy(first);
        deploy(second);
        bind("post-login", second, first);

        given().get("/api/v2/actions/triggers/post-login/bindings")
                .then()
                .statusCode(200)
                .body("bindings.action.id", contains(second, first))
                .body("total", equalTo(2));

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<ConsumerRecord<String, String>> records =
                        kafka.readAll(Topics.ACTIONS_FLOWS, Duration.ofSeconds(10));
                ConsumerRecord<String, String> latest = records.stream()
                        .filter(r -> r.key().equals("default/post-login"))
                        .reduce((a, b) -> b)
                        .orElseThrow();
                JsonNode snapshot = json.readTree(latest.value());
                assertThat(snapshot.path("actions")).hasSize(2);
                assertThat(snapshot.path("actions").get(0).path("action_id").asText())
                        .isEqualTo(second);
                assertThat(snapshot.path("actions")
                                .get(1)
                                .path("secret_names")
                                .get(0)
                                .asText())
                        .isEqualTo("MAIL_API_KEY");
                assertThat(snapshot.path("actions").get(1).path("code").asText())
                        .contains("onExecutePostLogin");
                assertThat(latest.value()).doesNotContain(PLANTED);
            });
        }
    }

    @Test
    void onlyDeployedActionsForTheTriggerCanBeBound() {
        String draftOnly = create("draft-only-" + UUID.randomUUID(), false);
        given().contentType(ContentType.JSON)
                .body("{\"bindings\":[{\"ref\":{\"type\":\"action_id\",\"value\":\"" + draftOnly + "\"}}]}")
                .patch("/api/v2/actions/triggers/post-login/bindings")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("deploy it first"));

        deploy(draftOnly);
        given().contentType(ContentType.JSON)
                .body("{\"bindings\":[{\"ref\":{\"type\":\"action_id\",\"value\":\"" + draftOnly + "\"}}]}")
                .patch("/api/v2/actions/triggers/credentials-exchange/bindings")
                .then()
                .statusCode(400)
                .body("detail", containsString("does not support"));

        given().contentType(ContentType.JSON)
                .body("{\"bindings\":[]}")
                .patch("/api/v2/actions/triggers/not-a-trigger/bindings")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void deletingABoundActionNeedsForce() {
        String id = create("bound-" + UUID.randomUUID(), false);
        deploy(id);
        bind("post-login", id);
        given().delete(ACTIONS + "/" + id).then().statusCode(409).contentType("application/problem+json");
        given().delete(ACTIONS + "/" + id + "?force=true").then().statusCode(204);
        given().get(ACTIONS + "/" + id).then().statusCode(404);
        given().get("/api/v2/actions/triggers/post-login/bindings")
                .then()
                .statusCode(200)
                .body("bindings.action.id", not(hasItem(id)));
    }

    @Test
    void whenTheSecretsServiceIsDownNothingIsCreated() {
        secretsService.respondWith(503, "{}");
        String name = "unlucky-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body(createBody(name, "post-login", "exports.onExecutePostLogin = async () => {};", true))
                .post(ACTIONS)
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body(not(containsString(PLANTED)));
        given().get(ACTIONS + "?per_page=100").then().statusCode(200).body("actions.name", not(hasItem(name)));
    }

    @Test
    void listsTheSixTriggers() {
        given().get("/api/v2/actions/triggers")
                .then()
                .statusCode(200)
                .body("triggers", hasSize(6))
                .body("triggers.id", hasItem("post-login"))
                .body("triggers.find { it.id == 'post-login' }.version", equalTo("v3"))
                .body("triggers[0].status", equalTo("CURRENT"));
    }

    @Test
    void badInputGetsProblemDetailsAndNeverA500() {
        given().contentType(ContentType.JSON)
                .body("{\"supported_triggers\":[{\"id\":\"post-login\"}],\"code\":\"x\"}")
                .post(ACTIONS)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("name"));
        given().contentType(ContentType.JSON)
                .body(createBody("t-" + UUID.randomUUID(), "no-such-trigger", "x", false))
                .post(ACTIONS)
                .then()
                .statusCode(400)
                .body("detail", containsString("unknown trigger"));
        given().contentType(ContentType.JSON)
                .body(createBody("big-" + UUID.randomUUID(), "post-login", "x".repeat(102_401), false))
                .post(ACTIONS)
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body("{\"name\": ")
                .post(ACTIONS)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(not(containsString("Exception")));
        given().get(ACTIONS + "/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().get(ACTIONS + "/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        given().post(ACTIONS + "/" + UUID.randomUUID() + "/deploy")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().get(ACTIONS + "?per_page=1000").then().statusCode(400).contentType("application/problem+json");

        String name = "dup-" + UUID.randomUUID();
        create(name, false);
        given().contentType(ContentType.JSON)
                .body(createBody(name, "post-login", "x", false))
                .post(ACTIONS)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");

        given().contentType(ContentType.JSON)
                .body("{\"bindings\":[{\"ref\":{\"type\":\"nonsense\",\"value\":\"x\"}}]}")
                .patch("/api/v2/actions/triggers/post-login/bindings")
                .then()
                .statusCode(400)
                .body("errors[0].field", containsString("ref.type"));
    }

    @Test
    void servesHealthOpenApiAndMetrics() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("Database connections health check"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v2/actions/actions/{id}/deploy"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("registry_outbox_unpublished"));
        given().get(ACTIONS)
                .then()
                .statusCode(200)
                .body("page", equalTo(0))
                .body("per_page", equalTo(20))
                .body("total", notNullValue());
    }
}
