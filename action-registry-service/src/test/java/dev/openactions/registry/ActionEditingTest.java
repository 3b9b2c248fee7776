package dev.openactions.registry;

import static dev.openactions.registry.RegistryApi.ACTIONS;
import static dev.openactions.registry.RegistryApi.TRIGGERS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.TriggerId;
import dev.openactions.localstack.HttpSink;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listing with Auth0's filters, editing drafts (PATCH), secrets, all_changes_deployed and test runs. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
class ActionEditingTest {
    private static final TriggerId TRIGGER = TriggerId.PRE_USER_REGISTRATION;
    private static final String PLANTED = "re_planted_" + UUID.randomUUID();

    @HttpSinkResource.InjectHttpSink
    HttpSink secretsService;

    @ExecutorStubResource.InjectExecutor
    ExecutorStub executor;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void collaboratorsAnswer() {
        executor.reset();
        secretsService.clear();
        secretsAre("MAIL_API_KEY", "2026-11-22T08:00:00Z");
    }

    private void secretsAre(String... namesAndTimes) {
        StringBuilder body = new StringBuilder("{\"secrets\":[");
        for (int i = 0; i < namesAndTimes.length; i += 2) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"name\":\"")
                    .append(namesAndTimes[i])
                    .append("\",\"updated_at\":\"")
                    .append(namesAndTimes[i + 1])
                    .append("\"}");
        }
        secretsService.respondWith(200, body.append("]}").toString());
    }

    private static String createWithSecret(String name) {
        return given().contentType(ContentType.JSON)
                .body(RegistryApi.createBody(
                        name,
                        TRIGGER,
                        RegistryApi.handlerCode(TRIGGER, "// v1"),
                        "\"secrets\":[{\"name\":\"MAIL_API_KEY\",\"value\":\"" + PLANTED + "\"}]"))
                .post(ACTIONS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static JsonPath patch(String id, String body, int status) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .patch(ACTIONS + "/" + id)
                .then()
                .statusCode(status)
                .extract()
                .jsonPath();
    }

    @Test
    void listFiltersByTriggerNameDeploymentAndInstallation() {
        String prefix = "filter-" + UUID.randomUUID() + "-";
        String deployed = RegistryApi.create(prefix + "deployed", TRIGGER);
        RegistryApi.deployBuilt(deployed);
        String draft = RegistryApi.create(prefix + "draft", TRIGGER);
        String other = RegistryApi.create(prefix + "other", TriggerId.SEND_PHONE_MESSAGE);

        given().get(ACTIONS + "?triggerId=" + TRIGGER.id() + "&per_page=100")
                .then()
                .statusCode(200)
                .body("actions.id", hasItems(deployed, draft))
                .body("actions.id", not(hasItem(other)))
                .body("actions.supported_triggers.flatten().id", not(hasItem(TriggerId.SEND_PHONE_MESSAGE.id())));
        given().get(ACTIONS + "?actionName=" + prefix + "draft")
                .then()
                .statusCode(200)
                .body("actions.id", contains(draft))
                .body("total", equalTo(1));
        given().get(ACTIONS + "?triggerId=" + TRIGGER.id() + "&deployed=true&per_page=100")
                .then()
                .statusCode(200)
                .body("actions.id", hasItem(deployed))
                .body("actions.id", not(hasItem(draft)))
                .body("actions.deployed_version", not(hasItem(nullValue())));
        given().get(ACTIONS + "?triggerId=" + TRIGGER.id() + "&deployed=false&per_page=100")
                .then()
                .statusCode(200)
                .body("actions.id", hasItem(draft))
                .body("actions.id", not(hasItem(deployed)));
        // Only marketplace integrations are "installed"; none exist, so only custom actions are listed.
        given().get(ACTIONS + "?installed=true")
                .then()
                .statusCode(200)
                .body("actions", empty())
                .body("total", equalTo(0));
        given().get(ACTIONS + "?installed=false&actionName=" + prefix + "other")
                .then()
                .statusCode(200)
                .body("actions.id", contains(other));
        // Auth0 always answers this endpoint with the envelope; include_totals is not one of its parameters.
        given().get(ACTIONS + "?include_totals=false&actionName=" + prefix + "other")
                .then()
                .statusCode(200)
                .body("$", hasKey("total"))
                .body("actions.id", contains(other));

        int total = given().get(ACTIONS + "?triggerId=" + TRIGGER.id())
                .then()
                .extract()
                .path("total");
        given().get(ACTIONS + "?triggerId=" + TRIGGER.id() + "&per_page=1&page=1")
                .then()
                .statusCode(200)
                .body("actions", hasSize(1))
                .body("total", equalTo(total))
                .body("page", equalTo(1))
                .body("per_page", equalTo(1));
        given().get(ACTIONS + "?triggerId=no-such-trigger")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void patchChangesOnlyTheDraftUntilItIsDeployed() {
        String id = RegistryApi.create(
                "patched-" + UUID.randomUUID(), TRIGGER, RegistryApi.handlerCode(TRIGGER, "// live v1"));
        RegistryApi.deployBuilt(id);
        RegistryApi.bind(TRIGGER, id);
        JsonPath before = RegistryApi.latestSnapshot(TRIGGER);
        assertThat(before.getString("actions[0].code")).contains("live v1");

        String newName = "renamed-" + UUID.randomUUID();
        patch(
                id,
                "{\"name\":\"%s\",\"code\":%s}"
                        .formatted(newName, RegistryApi.quote(RegistryApi.handlerCode(TRIGGER, "// draft v2"))),
                200);
        given().get(ACTIONS + "/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo(newName))
                .body("code", containsString("draft v2"))
                .body("deployed_version.code", containsString("live v1"))
                .body("all_changes_deployed", equalTo(false))
                .body("runtime", equalTo("node22"));
        // No snapshot was written for the edit: the flow still runs version 1.
        JsonPath afterPatch = RegistryApi.latestSnapshot(TRIGGER);
        assertThat(afterPatch.getLong("revision")).isEqualTo(before.getLong("revision"));
        assertThat(afterPatch.getString("actions[0].code")).contains("live v1");

        RegistryApi.deployBuilt(id);
        JsonPath afterDeploy = RegistryApi.latestSnapshot(TRIGGER);
        assertThat(afterDeploy.getString("actions[0].code")).contains("draft v2");
        assertThat(afterDeploy.getInt("actions[0].version_number")).isEqualTo(2);
        given().get(ACTIONS + "/" + id).then().body("all_changes_deployed", equalTo(true));

        String taken = "taken-" + UUID.randomUUID();
        RegistryApi.create(taken, TRIGGER);
        patch(id, "{\"name\":\"" + taken + "\"}", 409);
        patch(id, "{\"supported_triggers\":[{\"id\":\"post-login\",\"version\":\"v3\"}]}", 409);
        patch(id, "{\"name\":\"  \"}", 400);
        patch(UUID.randomUUID().toString(), "{\"code\":\"x\"}", 404);
        RegistryApi.bind(TRIGGER);
    }

    @Test
    void aSupportedTriggerWithoutVersionGetsTheTriggersCurrentVersion() {
        String body = """
                {"name":"unversioned-%s","supported_triggers":[{"id":"%s"}],"code":%s}""".formatted(
                        UUID.randomUUID(), TRIGGER.id(), RegistryApi.quote(RegistryApi.handlerCode(TRIGGER, "// v")));
        String id = given().contentType(ContentType.JSON)
                .body(body)
                .post(ACTIONS)
                .then()
                .statusCode(201)
                .body("supported_triggers[0].version", equalTo(TRIGGER.version()))
                .extract()
                .path("id");

        patch(id, "{\"supported_triggers\":[{\"id\":\"%s\"}]}".formatted(TRIGGER.id()), 200);
        given().get(ACTIONS + "/" + id).then().body("supported_triggers[0].version", equalTo(TRIGGER.version()));
        given().contentType(ContentType.JSON)
                .body(body.replace(TRIGGER.id(), "no-such-trigger"))
                .post(ACTIONS)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void theDebugSwitchReachesTheRunningFlowAtOnceWithoutADeploy() {
        String id = RegistryApi.create(
                "debugged-" + UUID.randomUUID(), TRIGGER, RegistryApi.handlerCode(TRIGGER, "// live v1"));
        RegistryApi.deployBuilt(id);
        RegistryApi.bind(TRIGGER, id);
        JsonPath before = RegistryApi.latestSnapshot(TRIGGER);
        assertThat(before.getBoolean("actions[0].debug")).isFalse();
        given().get(ACTIONS + "/" + id).then().body("debug", equalTo(false));

        patch(id, "{\"debug\":true}", 200);

        given().get(ACTIONS + "/" + id)
                .then()
                .statusCode(200)
                .body("debug", equalTo(true))
                .body("all_changes_deployed", equalTo(true));
        JsonPath switchedOn = RegistryApi.latestSnapshot(TRIGGER);
        assertThat(switchedOn.getLong("revision")).isGreaterThan(before.getLong("revision"));
        assertThat(switchedOn.getBoolean("actions[0].debug")).isTrue();
        assertThat(switchedOn.getInt("actions[0].version_number")).isEqualTo(1);

        // Setting it to what it already is publishes nothing; switching it off publishes again.
        patch(id, "{\"debug\":true}", 200);
        assertThat(RegistryApi.latestSnapshot(TRIGGER).getLong("revision")).isEqualTo(switchedOn.getLong("revision"));
        patch(id, "{\"debug\":false}", 200);
        assertThat(RegistryApi.latestSnapshot(TRIGGER).getBoolean("actions[0].debug"))
                .isFalse();
        patch(id, "{\"debug\":\"yes\"}", 400);
        RegistryApi.bind(TRIGGER);
    }

    @Test
    void patchSecretsReplacesTheWholeSetKeepingValuesGivenByNameOnly() throws Exception {
        secretsAre("MAIL_API_KEY", "2026-11-22T08:00:00Z", "SALT", "2026-11-22T08:00:00Z");
        String id = given().contentType(ContentType.JSON)
                .body(RegistryApi.createBody(
                        "secretive-" + UUID.randomUUID(),
                        TRIGGER,
                        RegistryApi.handlerCode(TRIGGER, ""),
                        "\"secrets\":[{\"name\":\"MAIL_API_KEY\",\"value\":\"" + PLANTED
                                + "\"},{\"name\":\"SALT\",\"value\":\"salt\"}]"))
                .post(ACTIONS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        secretsService.clear();

        // MAIL_API_KEY keeps its value, SALT is dropped, TOKEN is new.
        secretsAre("MAIL_API_KEY", "2026-11-22T08:00:00Z", "TOKEN", "2026-11-22T09:00:00Z");
        String response = given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"MAIL_API_KEY\"},{\"name\":\"TOKEN\",\"value\":\"" + PLANTED
                        + "-2\"}]}")
                .patch(ACTIONS + "/" + id)
                .then()
                .statusCode(200)
                .body("secrets.name", containsInAnyOrder("MAIL_API_KEY", "TOKEN"))
                .body("secrets[0]", not(hasKey("value")))
                .extract()
                .asString();
        assertThat(response).doesNotContain(PLANTED);

        HttpSink.Received put = secretsService.received().get(0);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).isEqualTo("/internal/v1/tenants/default/owners/" + id + "/secrets");
        JsonNode sent = json.readTree(put.body()).path("secrets");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).path("name").asText()).isEqualTo("MAIL_API_KEY");
        assertThat(sent.get(0).has("value"))
                .as("a name without a value keeps the stored value")
                .isFalse();
        assertThat(sent.get(1).path("value").asText()).isEqualTo(PLANTED + "-2");

        // A new name needs a value; nothing reaches the secrets service.
        secretsService.clear();
        patch(id, "{\"secrets\":[{\"name\":\"BRAND_NEW\"}]}", 400);
        assertThat(secretsService.received()).isEmpty();

        // The secrets service down: 503 and the draft is unchanged.
        secretsService.respondWith(503, "{}");
        patch(id, "{\"code\":\"changed\",\"secrets\":[]}", 503);
        given().get(ACTIONS + "/" + id)
                .then()
                .body("code", not(equalTo("changed")))
                .body("secrets.name", containsInAnyOrder("MAIL_API_KEY", "TOKEN"));
    }

    @Test
    void allChangesDeployedComparesTheDraftWithTheDeployedVersion() {
        String id = createWithSecret("tracked-" + UUID.randomUUID());
        given().get(ACTIONS + "/" + id).then().body("all_changes_deployed", equalTo(false));
        RegistryApi.deployBuilt(id);
        given().get(ACTIONS + "/" + id).then().body("all_changes_deployed", equalTo(true));

        patch(id, "{\"runtime\":\"node18\"}", 200);
        given().get(ACTIONS + "/" + id).then().body("all_changes_deployed", equalTo(false));
        RegistryApi.deployBuilt(id);
        given().get(ACTIONS + "/" + id)
                .then()
                .body("all_changes_deployed", equalTo(true))
                .body("deployed_version.runtime", equalTo("node18"));

        secretsAre("MAIL_API_KEY", "2026-11-23T10:00:00Z"); // a new value: a newer updated_at
        patch(id, "{\"secrets\":[{\"name\":\"MAIL_API_KEY\",\"value\":\"rotated\"}]}", 200);
        given().get(ACTIONS + "/" + id).then().body("all_changes_deployed", equalTo(false));
    }

    @Test
    void testRunsTheDraftThroughTheExecutor() {
        String id = RegistryApi.create(
                "tested-" + UUID.randomUUID(),
                TriggerId.POST_LOGIN,
                RegistryApi.handlerCode(TriggerId.POST_LOGIN, "// deployed"));
        RegistryApi.deployBuilt(id);
        patch(
                id,
                "{\"code\":" + RegistryApi.quote(RegistryApi.handlerCode(TriggerId.POST_LOGIN, "console.log('draft')"))
                        + "}",
                200);

        given().contentType(ContentType.JSON)
                .body("{\"payload\":{\"user\":{\"user_id\":\"auth0|1\",\"email\":\"a@example.com\"}}}")
                .post(ACTIONS + "/" + id + "/test")
                .then()
                .statusCode(200)
                .body("payload.status", equalTo("completed"))
                .body("payload.logs", contains("hello from the draft"))
                .body("payload.commands[0].type", equalTo("accessToken.setCustomClaim"))
                .body("payload.error", nullValue());
        ExecutorStub.Request run = executor.received("/internal/v1/test-runs").get(0);
        assertThat(run.body().path("code").asText())
                .contains("console.log('draft')")
                .doesNotContain("// deployed");
        assertThat(run.body().path("tenant_id").asText()).isEqualTo("default");
        assertThat(run.body().path("trigger_id").asText()).isEqualTo("post-login");
        assertThat(run.body().path("action_id").asText()).isEqualTo(id);
        assertThat(run.body().path("action_name").asText()).startsWith("tested-");
        assertThat(run.body().path("event").path("user").path("email").asText()).isEqualTo("a@example.com");

        executor.respond(request -> ExecutorStub.Reply.DROP);
        given().contentType(ContentType.JSON)
                .body("{\"payload\":{}}")
                .post(ACTIONS + "/" + id + "/test")
                .then()
                .statusCode(503)
                .contentType("application/problem+json");
        executor.respond(request -> new ExecutorStub.Reply(500, "{}"));
        given().contentType(ContentType.JSON)
                .body("{\"payload\":{}}")
                .post(ACTIONS + "/" + id + "/test")
                .then()
                .statusCode(503)
                .contentType("application/problem+json");
        executor.respond(request -> new ExecutorStub.Reply(400, "{\"detail\":\"event.user must be an object\"}"));
        given().contentType(ContentType.JSON)
                .body("{\"payload\":{\"user\":1}}")
                .post(ACTIONS + "/" + id + "/test")
                .then()
                .statusCode(400)
                .body("detail", containsString("event.user must be an object"));
        given().contentType(ContentType.JSON)
                .body("{}")
                .post(ACTIONS + "/" + id + "/test")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("payload"));
        given().contentType(ContentType.JSON)
                .body("{\"payload\":{}}")
                .post(ACTIONS + "/" + UUID.randomUUID() + "/test")
                .then()
                .statusCode(404);
    }

    @Test
    void noResponseOfAnyEndpointContainsASecretValue() {
        List<String> responses = new ArrayList<>();
        String id = createWithSecret("leak-check-" + UUID.randomUUID());
        responses.add(given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"MAIL_API_KEY\",\"value\":\"" + PLANTED + "\"}]}")
                .patch(ACTIONS + "/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        String versionId = RegistryApi.deployBuilt(id);
        RegistryApi.bind(TRIGGER, id);
        responses.add(
                given().get(ACTIONS + "/" + id).then().statusCode(200).extract().asString());
        responses.add(given().get(ACTIONS + "?per_page=100")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        responses.add(given().get(ACTIONS + "/" + id + "/versions")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        responses.add(given().get(ACTIONS + "/" + id + "/versions/" + versionId)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        responses.add(given().contentType(ContentType.JSON)
                .body("{}")
                .post(ACTIONS + "/" + id + "/versions/" + versionId + "/deploy")
                .then()
                .statusCode(202)
                .extract()
                .asString());
        responses.add(given().get(TRIGGERS + "/" + TRIGGER.id() + "/bindings")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        responses.add(given().contentType(ContentType.JSON)
                .body("{\"payload\":{}}")
                .post(ACTIONS + "/" + id + "/test")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        responses.add(given().contentType(ContentType.JSON)
                .body("{\"name\":\"" + PLANTED + "\"}")
                .patch(ACTIONS + "/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .extract()
                .asString());
        secretsService.respondWith(422, "{\"detail\":\"value rejected\"}");
        responses.add(given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"MAIL_API_KEY\",\"value\":\"" + PLANTED + "\"}]}")
                .patch(ACTIONS + "/" + id)
                .then()
                .statusCode(400)
                .extract()
                .asString());

        assertThat(responses).hasSize(10).allSatisfy(body -> assertThat(body).doesNotContain(PLANTED));
        assertThat(RegistryApi.latestSnapshot(TRIGGER).prettify())
                .doesNotContain(PLANTED)
                .contains("MAIL_API_KEY");
        RegistryApi.bind(TRIGGER);
    }

    @Test
    void deletingRemovesTheActionItsVersionsAndItsSecrets() {
        String id = createWithSecret("deleted-" + UUID.randomUUID());
        RegistryApi.deployBuilt(id);
        secretsService.clear();
        given().delete(ACTIONS + "/" + id).then().statusCode(204);
        given().get(ACTIONS + "/" + id).then().statusCode(404);
        given().get(ACTIONS + "/" + id + "/versions").then().statusCode(404);
        assertThat(secretsService.received()).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("DELETE");
            assertThat(r.path()).isEqualTo("/internal/v1/tenants/default/owners/" + id);
        });
        given().delete(ACTIONS + "/" + id).then().statusCode(404);
    }
}
