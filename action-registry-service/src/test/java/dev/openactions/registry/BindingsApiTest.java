package dev.openactions.registry;

import static dev.openactions.registry.RegistryApi.ACTIONS;
import static dev.openactions.registry.RegistryApi.TRIGGERS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.openactions.contracts.TriggerId;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Beyond Auth0: inserting and removing one binding, on_error and timeouts; pagination, limits, races. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
class BindingsApiTest {
    private static final TriggerId TRIGGER = TriggerId.CREDENTIALS_EXCHANGE;
    private static final String BINDINGS = TRIGGERS + "/" + TRIGGER.id() + "/bindings";

    @ExecutorStubResource.InjectExecutor
    ExecutorStub executor;

    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void emptyFlow() {
        executor.reset();
        RegistryApi.bind(TRIGGER);
    }

    @AfterEach
    void deleteActions() {
        executor.reset();
        created.forEach(id -> given().delete(ACTIONS + "/" + id + "?force=true"));
    }

    private String builtAction(String name) {
        String id = RegistryApi.create(name + "-" + UUID.randomUUID(), TRIGGER);
        created.add(id);
        RegistryApi.deployBuilt(id);
        return id;
    }

    private static String insertBody(String actionId, String extra) {
        return "{\"ref\":{\"type\":\"action_id\",\"value\":\"" + actionId + "\"}" + (extra == null ? "" : "," + extra)
                + "}";
    }

    private static JsonPath insert(String actionId, String extra, int status) {
        return given().contentType(ContentType.JSON)
                .body(insertBody(actionId, extra))
                .post(BINDINGS)
                .then()
                .statusCode(status)
                .extract()
                .jsonPath();
    }

    @Test
    void insertsOneBindingAtAPositionAndRemovesOne() {
        String a = builtAction("a");
        String b = builtAction("b");
        String c = builtAction("c");
        insert(a, null, 201);
        insert(b, null, 201);
        JsonPath inserted = insert(
                c, "\"position\":1,\"display_name\":\"enrich\",\"on_error\":\"continue\",\"timeout_ms\":500", 201);
        assertThat(inserted.getString("id")).isNotBlank();
        assertThat(inserted.getString("trigger_id")).isEqualTo(TRIGGER.id());
        assertThat(inserted.getString("action.id")).isEqualTo(c);
        assertThat(inserted.getString("display_name")).isEqualTo("enrich");

        given().get(BINDINGS)
                .then()
                .statusCode(200)
                .body("bindings.action.id", contains(a, c, b))
                .body("bindings.on_error", contains("fail", "continue", "fail"))
                .body("bindings.timeout_ms", contains(nullValue(), equalTo(500), nullValue()))
                .body("total", equalTo(3));
        JsonPath snapshot = RegistryApi.latestSnapshot(TRIGGER);
        assertThat(snapshot.getList("actions.action_id")).containsExactly(a, c, b);
        assertThat(snapshot.getString("actions[1].on_error")).isEqualTo("continue");
        assertThat(snapshot.getLong("actions[1].timeout_ms")).isEqualTo(500L);

        given().delete(BINDINGS + "/" + inserted.getString("id")).then().statusCode(204);
        given().get(BINDINGS).then().body("bindings.action.id", contains(a, b));
        assertThat(RegistryApi.latestSnapshot(TRIGGER).getList("actions.action_id"))
                .containsExactly(a, b);

        JsonPath first = insert(c, "\"position\":0", 201);
        given().get(BINDINGS).then().body("bindings.action.id", contains(c, a, b));
        // The whole-list PATCH keeps a binding referred to by binding_id.
        given().contentType(ContentType.JSON)
                .body("{\"bindings\":[{\"ref\":{\"type\":\"action_id\",\"value\":\"" + b + "\"}},"
                        + "{\"ref\":{\"type\":\"binding_id\",\"value\":\"" + first.getString("id") + "\"}}]}")
                .patch(BINDINGS)
                .then()
                .statusCode(200)
                .body("bindings.action.id", contains(b, c))
                .body("bindings[1].id", equalTo(first.getString("id")));
    }

    @Test
    void refusesBadInsertsAndRemovals() {
        String a = builtAction("bound");
        insert(a, null, 201);
        insert(a, null, 409); // already bound to this trigger
        insert(builtAction("far"), "\"position\":5", 400);
        given().contentType(ContentType.JSON)
                .body("{\"ref\":{\"type\":\"binding_id\",\"value\":\"" + UUID.randomUUID() + "\"}}")
                .post(BINDINGS)
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .body(insertBody(a, "\"on_error\":\"explode\""))
                .post(BINDINGS)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(insertBody(a, "\"timeout_ms\":0"))
                .post(BINDINGS)
                .then()
                .statusCode(400)
                .body("errors.field", Matchers.hasItem(containsString("timeout_ms")));
        given().contentType(ContentType.JSON)
                .body(insertBody(a, null))
                .post(TRIGGERS + "/no-such-trigger/bindings")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(insertBody(UUID.randomUUID().toString(), null))
                .post(BINDINGS)
                .then()
                .statusCode(400)
                .body("detail", containsString("does not exist"));
        given().delete(BINDINGS + "/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        String otherTrigger = RegistryApi.create("wrong-trigger-" + UUID.randomUUID(), TriggerId.POST_LOGIN);
        created.add(otherTrigger);
        RegistryApi.deployBuilt(otherTrigger);
        insert(otherTrigger, null, 400);

        // A version still being built cannot be bound yet: 409 with the reason.
        String building = RegistryApi.create(
                "building-" + UUID.randomUUID(), TRIGGER, RegistryApi.handlerCode(TRIGGER, "// unreachable"));
        created.add(building);
        executor.respond(request -> request.path().equals("/internal/v1/builds")
                ? ExecutorStub.Reply.DROP
                : ExecutorStub.DEFAULT.apply(request));
        String version = RegistryApi.deploy(building).getString("id");
        RegistryApi.awaitVersionStatus(building, version, "retrying");
        // the worker keeps retrying, so the version flips between retrying and building
        assertThat(insert(building, null, 409).getString("detail"))
                .containsAnyOf("is retrying", "is building")
                .contains("once it is built");
        given().get(BINDINGS).then().body("bindings.action.id", contains(a));
    }

    @Test
    void bindingsArePaginated() {
        String a = builtAction("p1");
        String b = builtAction("p2");
        String c = builtAction("p3");
        RegistryApi.bind(TRIGGER, a, b, c);
        given().get(BINDINGS + "?per_page=2")
                .then()
                .statusCode(200)
                .body("bindings.action.id", contains(a, b))
                .body("total", equalTo(3))
                .body("page", equalTo(0))
                .body("per_page", equalTo(2));
        given().get(BINDINGS + "?per_page=2&page=1")
                .then()
                .body("bindings.action.id", contains(c))
                .body("total", equalTo(3));
        given().get(BINDINGS + "?per_page=2&page=2").then().body("bindings", hasSize(0));
        given().get(BINDINGS + "?per_page=0")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", Matchers.hasItem("per_page"));
    }

    @Test
    void atMostTwentyActionsPerTrigger() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            ids.add(RegistryApi.create("limit-" + i + "-" + UUID.randomUUID(), TRIGGER));
        }
        created.addAll(ids);
        ids.forEach(id -> given().post(ACTIONS + "/" + id + "/deploy").then().statusCode(202));
        Awaitility.await()
                .atMost(RegistryApi.BUILD_TIMEOUT)
                .until(() -> ids.stream()
                        .allMatch(id ->
                                given().get(ACTIONS + "/" + id).then().extract().path("deployed_version") != null));

        StringBuilder all = new StringBuilder("{\"bindings\":[");
        for (int i = 0; i < ids.size(); i++) {
            all.append(i == 0 ? "" : ",")
                    .append("{\"ref\":{\"type\":\"action_id\",\"value\":\"")
                    .append(ids.get(i))
                    .append("\"}}");
        }
        given().contentType(ContentType.JSON)
                .body(all.append("]}").toString())
                .patch(BINDINGS)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("20"));
        RegistryApi.bind(TRIGGER, ids.subList(0, 20).toArray(String[]::new));
        insert(ids.get(20), null, 422);
        given().get(BINDINGS + "?per_page=50").then().body("total", equalTo(20));
    }

    @Test
    void concurrentInsertsAllLandInOneConsistentOrder() throws Exception {
        int racers = 6;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            ids.add(builtAction("racer-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> statuses = ids.stream()
                    .map(id -> pool.submit(() -> {
                        start.await();
                        return given().contentType(ContentType.JSON)
                                .body(insertBody(id, "\"position\":0"))
                                .post(BINDINGS)
                                .statusCode();
                    }))
                    .toList();
            start.countDown();
            for (Future<Integer> status : statuses) {
                assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> bound =
                given().get(BINDINGS).then().statusCode(200).extract().path("bindings.action.id");
        assertThat(bound).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(RegistryApi.latestSnapshot(TRIGGER).getList("actions.action_id"))
                .containsExactlyElementsOf(bound);
    }
}
