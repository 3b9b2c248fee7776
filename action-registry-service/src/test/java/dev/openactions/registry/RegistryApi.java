package dev.openactions.registry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.openactions.contracts.TriggerId;
import dev.openactions.registry.domain.OutboxEntity;
import dev.openactions.registry.repository.OutboxRepository;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;

/** Calls of the registry's API shared by the tests, in the shapes a tenant's CI would send. */
final class RegistryApi {
    static final String ACTIONS = "/api/v2/actions/actions";
    static final String TRIGGERS = "/api/v2/actions/triggers";
    static final Duration BUILD_TIMEOUT = Duration.ofSeconds(20);

    private RegistryApi() {}

    static String handlerCode(TriggerId trigger, String body) {
        return "exports." + trigger.handler() + " = async (event, api) => {\n  " + body + "\n};";
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    static String createBody(String name, TriggerId trigger, String code, String extraJson) {
        return """
                {"name":%s,"supported_triggers":[{"id":"%s","version":"%s"}],"code":%s,"runtime":"node22"%s}""".formatted(
                quote(name), trigger.id(), trigger.version(), quote(code), extraJson == null ? "" : "," + extraJson);
    }

    static String create(String name, TriggerId trigger, String code) {
        return given().contentType(ContentType.JSON)
                .body(createBody(name, trigger, code, null))
                .post(ACTIONS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static String create(String name, TriggerId trigger) {
        return create(name, trigger, handlerCode(trigger, "// " + name));
    }

    /** Deploys the draft (202, pending) and returns the new version. */
    static JsonPath deploy(String actionId) {
        return given().post(ACTIONS + "/" + actionId + "/deploy")
                .then()
                .statusCode(202)
                .body("status", equalTo("pending"))
                .extract()
                .jsonPath();
    }

    static JsonPath version(String actionId, String versionId) {
        return given().get(ACTIONS + "/" + actionId + "/versions/" + versionId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static JsonPath awaitVersionStatus(String actionId, String versionId, String status) {
        await().atMost(BUILD_TIMEOUT)
                .until(() -> status.equals(version(actionId, versionId).getString("status")));
        return version(actionId, versionId);
    }

    /** Deploys and waits until the version is built and deployed; returns its id. */
    static String deployBuilt(String actionId) {
        String versionId = deploy(actionId).getString("id");
        await().atMost(BUILD_TIMEOUT).until(() -> version(actionId, versionId).getBoolean("deployed"));
        return versionId;
    }

    static void bind(TriggerId trigger, String... actionIds) {
        StringBuilder body = new StringBuilder("{\"bindings\":[");
        for (int i = 0; i < actionIds.length; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"ref\":{\"type\":\"action_id\",\"value\":\"")
                    .append(actionIds[i])
                    .append("\"}}");
        }
        given().contentType(ContentType.JSON)
                .body(body.append("]}").toString())
                .patch(TRIGGERS + "/" + trigger.id() + "/bindings")
                .then()
                .statusCode(200);
    }

    /**
     * The newest flow snapshot written to the outbox for a trigger of the default tenant (written in
     * the transaction of the change, so no waiting is needed), or null.
     */
    static JsonPath latestSnapshot(TriggerId trigger) {
        OutboxRepository outbox =
                Arc.container().instance(OutboxRepository.class).get();
        OutboxEntity row = QuarkusTransaction.requiringNew()
                .call(() -> outbox.find("recordKey = ?1 order by id desc", "default/" + trigger.id())
                        .firstResult());
        return row == null ? null : JsonPath.from(row.payload);
    }
}
