package dev.openactions.registry;

import static dev.openactions.registry.RegistryApi.ACTIONS;
import static dev.openactions.registry.RegistryApi.BUILD_TIMEOUT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deploys build in the background through the executor's build check; rollbacks, pruning, races. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
class VersionBuildsTest {
    private static final TriggerId TRIGGER = TriggerId.POST_CHANGE_PASSWORD;
    private static final String BUILDS = "/internal/v1/builds";

    @ExecutorStubResource.InjectExecutor
    ExecutorStub executor;

    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void executorBuilds() {
        executor.reset();
    }

    @AfterEach
    void releaseHeldBuilds() {
        release.countDown();
        executor.reset();
    }

    private static String code(String marker) {
        return RegistryApi.handlerCode(TRIGGER, "// " + marker);
    }

    private static void patchCode(String id, String code) {
        given().contentType(ContentType.JSON)
                .body("{\"code\":" + RegistryApi.quote(code) + "}")
                .patch(ACTIONS + "/" + id)
                .then()
                .statusCode(200);
    }

    /** Builds of code containing the marker wait until {@link #release} opens. */
    private void holdBuildsOf(String marker) {
        executor.respond(request -> {
            if (request.path().equals(BUILDS)
                    && request.body().path("code").asText().contains(marker)) {
                try {
                    release.await(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return ExecutorStub.DEFAULT.apply(request);
        });
    }

    @Test
    void deployAnswersPendingAndTheVersionIsBuiltThenDeployedInTheBackground() {
        String marker = "held-" + UUID.randomUUID();
        String id = RegistryApi.create("async-" + UUID.randomUUID(), TRIGGER, code(marker));
        holdBuildsOf(marker);

        JsonPath pending = RegistryApi.deploy(id);
        assertThat(pending.getInt("number")).isEqualTo(1);
        assertThat(pending.getBoolean("deployed")).isFalse();
        String versionId = pending.getString("id");

        RegistryApi.awaitVersionStatus(id, versionId, "building");
        given().get(ACTIONS + "/" + id)
                .then()
                .body("status", equalTo("building"))
                .body("deployed_version", equalTo(null));
        ExecutorStub.Request build = executor.received(BUILDS).stream()
                .filter(r -> r.body().path("code").asText().contains(marker))
                .findFirst()
                .orElseThrow();
        assertThat(build.body().path("trigger_id").asText()).isEqualTo(TRIGGER.id());

        release.countDown();
        await().atMost(BUILD_TIMEOUT)
                .until(() -> RegistryApi.version(id, versionId).getBoolean("deployed"));
        JsonPath built = RegistryApi.version(id, versionId);
        assertThat(built.getString("status")).isEqualTo("built");
        assertThat(built.getString("built_at")).isNotNull();
        assertThat(built.getList("errors")).isEmpty();
        given().get(ACTIONS + "/" + id)
                .then()
                .body("status", equalTo("built"))
                .body("deployed_version.id", equalTo(versionId))
                .body("built_at", notNullValue());
    }

    @Test
    void aFailedBuildReportsWhereAndLeavesThePreviousVersionLive() {
        String id = RegistryApi.create("failing-" + UUID.randomUUID(), TRIGGER, code("good v1"));
        String v1 = RegistryApi.deployBuilt(id);
        RegistryApi.bind(TRIGGER, id);
        long revision = RegistryApi.latestSnapshot(TRIGGER).getLong("revision");

        patchCode(id, code("bad v2 " + ExecutorStub.FAIL_BUILD));
        String v2 = RegistryApi.deploy(id).getString("id");
        JsonPath failed = RegistryApi.awaitVersionStatus(id, v2, "failed");
        assertThat(failed.getBoolean("deployed")).isFalse();
        assertThat(failed.getString("errors[0].id")).isEqualTo("syntax_error");
        assertThat(failed.getString("errors[0].msg")).isEqualTo("SyntaxError at line 3, column 7: Unexpected token }");
        assertThat(failed.getString("errors[0].url")).contains("syntax_error");

        given().get(ACTIONS + "/" + id)
                .then()
                .body("status", equalTo("failed"))
                .body("deployed_version.id", equalTo(v1))
                .body("all_changes_deployed", equalTo(false));
        JsonPath snapshot = RegistryApi.latestSnapshot(TRIGGER);
        assertThat(snapshot.getLong("revision")).isEqualTo(revision);
        assertThat(snapshot.getString("actions[0].code")).contains("good v1");
        RegistryApi.bind(TRIGGER, id); // still bindable: version 1 is built and deployed
        RegistryApi.bind(TRIGGER);
    }

    @Test
    void aMissingHandlerFailsTheBuildAlsoWhenTheExecutorAnswersWithABoolean() {
        String marker = "no-handler-" + UUID.randomUUID();
        String id = RegistryApi.create(marker, TRIGGER, "module.exports = {}; // " + marker);
        executor.respond(request -> request.path().equals(BUILDS)
                        && request.body().path("code").asText().contains(marker)
                ? new ExecutorStub.Reply(
                        200,
                        "{\"built\":false,\"errors\":[{\"id\":\"missing_handler\","
                                + "\"msg\":\"exports.onExecutePostChangePassword is not a function\",\"line\":null,\"column\":null}]}")
                : ExecutorStub.DEFAULT.apply(request));
        String versionId = RegistryApi.deploy(id).getString("id");
        JsonPath failed = RegistryApi.awaitVersionStatus(id, versionId, "failed");
        assertThat(failed.getString("errors[0].id")).isEqualTo("missing_handler");
        assertThat(failed.getString("errors[0].msg"))
                .isEqualTo("Missing handler: exports.onExecutePostChangePassword is not a function");
        given().get(ACTIONS + "/" + id)
                .then()
                .body("deployed_version", equalTo(null))
                .body("status", equalTo("failed"));
    }

    @Test
    void buildsRetryWithBackoffWhileTheExecutorIsUnreachable() {
        String id = RegistryApi.create("retried-" + UUID.randomUUID(), TRIGGER, code("retried"));
        executor.respond(request ->
                request.path().equals(BUILDS) ? ExecutorStub.Reply.DROP : ExecutorStub.DEFAULT.apply(request));

        String versionId = RegistryApi.deploy(id).getString("id");
        RegistryApi.awaitVersionStatus(id, versionId, "retrying");
        // Between attempts the version is retrying (building only while an attempt is under way).
        await().atMost(BUILD_TIMEOUT).untilAsserted(() -> {
            assertThat(executor.received(BUILDS)).hasSizeGreaterThanOrEqualTo(3);
            given().get(ACTIONS + "/" + id)
                    .then()
                    .body("status", equalTo("retrying"))
                    .body("deployed_version", equalTo(null));
        });

        executor.respond(request -> request.path().equals(BUILDS)
                ? new ExecutorStub.Reply(503, "{}")
                : ExecutorStub.DEFAULT.apply(request));
        int seen = executor.received(BUILDS).size();
        await().atMost(BUILD_TIMEOUT).untilAsserted(() -> {
            assertThat(executor.received(BUILDS)).hasSizeGreaterThan(seen + 1); // a 503 answer was recorded and retried
            assertThat(RegistryApi.version(id, versionId).getString("status")).isEqualTo("retrying");
        });

        executor.reset();
        await().atMost(BUILD_TIMEOUT)
                .until(() -> RegistryApi.version(id, versionId).getBoolean("deployed"));
        assertThat(RegistryApi.version(id, versionId).getString("status")).isEqualTo("built");
    }

    @Test
    void anOlderBuildFinishingLateDoesNotReplaceANewerDeploy() {
        String id = RegistryApi.create("late-" + UUID.randomUUID(), TRIGGER, code("flaky v1"));
        AtomicBoolean executorBack = new AtomicBoolean();
        executor.respond(request -> request.path().equals(BUILDS)
                        && !executorBack.get()
                        && request.body().path("code").asText().contains("flaky")
                ? ExecutorStub.Reply.DROP
                : ExecutorStub.DEFAULT.apply(request));
        String v1 = RegistryApi.deploy(id).getString("id");
        RegistryApi.awaitVersionStatus(id, v1, "retrying");

        patchCode(id, code("steady v2"));
        String v2 = RegistryApi.deployBuilt(id);
        executorBack.set(true);
        RegistryApi.awaitVersionStatus(id, v1, "built");
        assertThat(RegistryApi.version(id, v1).getBoolean("deployed")).isFalse();
        given().get(ACTIONS + "/" + id).then().body("deployed_version.id", equalTo(v2));
    }

    @Test
    void rollbackDeploysANewCopyOfAnOlderVersion() {
        String id = RegistryApi.create("rolled-" + UUID.randomUUID(), TRIGGER, code("first"));
        String v1 = RegistryApi.deployBuilt(id);
        patchCode(id, code("second"));
        String v2 = RegistryApi.deployBuilt(id);
        RegistryApi.bind(TRIGGER, id);

        given().contentType(ContentType.JSON)
                .body("{\"update_draft\":false}")
                .post(ACTIONS + "/" + id + "/versions/" + v1 + "/deploy")
                .then()
                .statusCode(202)
                .body("number", equalTo(3))
                .body("status", equalTo("built"))
                .body("deployed", equalTo(true))
                .body("code", containsString("first"))
                .body("id", Matchers.not(equalTo(v1)));
        given().get(ACTIONS + "/" + id)
                .then()
                .body("deployed_version.number", equalTo(3))
                .body("code", containsString("second"))
                .body("all_changes_deployed", equalTo(false));
        JsonPath snapshot = RegistryApi.latestSnapshot(TRIGGER);
        assertThat(snapshot.getInt("actions[0].version_number")).isEqualTo(3);
        assertThat(snapshot.getString("actions[0].code")).contains("first");
        assertThat(RegistryApi.version(id, v1).getBoolean("deployed")).isFalse();

        given().contentType(ContentType.JSON)
                .body("{\"update_draft\":true}")
                .post(ACTIONS + "/" + id + "/versions/" + v2 + "/deploy")
                .then()
                .statusCode(202)
                .body("number", equalTo(4));
        given().get(ACTIONS + "/" + id)
                .then()
                .body("code", containsString("second"))
                .body("deployed_version.number", equalTo(4))
                .body("all_changes_deployed", equalTo(true));
        given().contentType(ContentType.JSON)
                .post(ACTIONS + "/" + id + "/versions/" + v1 + "/deploy")
                .then()
                .statusCode(202)
                .body("number", equalTo(5));
        given().post(ACTIONS + "/" + id + "/versions/" + v1
                        + "/deploy") // no body (RestAssured sends a form content type)
                .then()
                .statusCode(202)
                .body("number", equalTo(6));
        given().contentType(ContentType.JSON)
                .body("{\"update_draft\":")
                .post(ACTIONS + "/" + id + "/versions/" + v1 + "/deploy")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        patchCode(id, code("broken " + ExecutorStub.FAIL_BUILD));
        String failed = RegistryApi.deploy(id).getString("id");
        RegistryApi.awaitVersionStatus(id, failed, "failed");
        given().contentType(ContentType.JSON)
                .body("{}")
                .post(ACTIONS + "/" + id + "/versions/" + failed + "/deploy")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("only a built version"));
        given().contentType(ContentType.JSON)
                .body("{}")
                .post(ACTIONS + "/" + id + "/versions/" + UUID.randomUUID() + "/deploy")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        RegistryApi.bind(TRIGGER);
    }

    @Test
    void keepsAtMostFiftyVersionsPruningTheOldestUndeployed() {
        String marker = "pruned-" + UUID.randomUUID();
        String id = RegistryApi.create(marker, TRIGGER, code(marker + " v1"));
        String v1 = RegistryApi.deployBuilt(id);
        holdBuildsOf(marker); // version 1 stays the deployed one while 51 more are created
        List<String> created = new ArrayList<>();
        for (int i = 2; i <= 52; i++) {
            created.add(RegistryApi.deploy(id).getString("id"));
        }
        given().get(ACTIONS + "/" + id + "/versions?per_page=100")
                .then()
                .statusCode(200)
                .body("total", equalTo(50))
                .body("versions.number", Matchers.hasItems(1, 4, 52))
                .body("versions.number", Matchers.not(Matchers.hasItems(2)))
                .body("versions.number", Matchers.not(Matchers.hasItems(3)));
        assertThat(RegistryApi.version(id, v1).getBoolean("deployed")).isTrue();

        release.countDown();
        String newest = created.get(created.size() - 1);
        await().atMost(BUILD_TIMEOUT)
                .until(() -> RegistryApi.version(id, newest).getBoolean("deployed"));
        given().get(ACTIONS + "/" + id + "/versions?per_page=100").then().body("total", equalTo(50));
        given().delete(ACTIONS + "/" + id).then().statusCode(204);
    }

    @Test
    void concurrentDeploysGetDistinctConsecutiveNumbers() throws Exception {
        String id = RegistryApi.create("raced-" + UUID.randomUUID(), TRIGGER);
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> numbers = IntStream.range(0, racers)
                    .mapToObj(i -> pool.submit(() -> {
                        start.await();
                        return given().post(ACTIONS + "/" + id + "/deploy")
                                .then()
                                .statusCode(202)
                                .extract()
                                .<Integer>path("number");
                    }))
                    .toList();
            start.countDown();
            List<Integer> got = new ArrayList<>();
            for (Future<Integer> number : numbers) {
                got.add(number.get(30, TimeUnit.SECONDS));
            }
            assertThat(got)
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.rangeClosed(1, racers).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
        await().atMost(BUILD_TIMEOUT)
                .untilAsserted(() -> given().get(ACTIONS + "/" + id)
                        .then()
                        .body("deployed_version.number", equalTo(racers))
                        .body("status", equalTo("built")));
        given().get(ACTIONS + "/" + id + "/versions?per_page=100").then().body("total", equalTo(racers));
    }
}
