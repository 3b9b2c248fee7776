package dev.openactions.secrets.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.openactions.testsupport.HostileTokens;
import dev.openactions.testsupport.PostgresResource;
import dev.openactions.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * The edge of the secrets API: every error is problem+json (the framework's own included), input
 * PostgreSQL cannot store is refused naming the field, JSON is strict, concurrent writers of one
 * owner are serialized, tokens that break a rule are refused, and decrypt responses are never cached.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "secrets"))
class HttpEdgeTest {
    private static final String PROBLEM = "application/problem+json";

    private static String secrets(String owner) {
        return "/internal/v1/tenants/tenant-a/owners/" + owner + "/secrets";
    }

    static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(PROBLEM)
                .body("type", startsWith("https://openactions.dev/problems/"))
                .body("title", notNullValue())
                .body("status", equalTo(status))
                .body("detail", notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }

    @Test
    void frameworkErrorsAreProblems() {
        String owner = UUID.randomUUID().toString();
        problem(given().get("/no/such/path").then(), 404);
        problem(given().patch(secrets(owner)).then(), 405);
        problem(
                given().contentType(ContentType.TEXT)
                        .body("hello")
                        .put(secrets(owner))
                        .then(),
                415);
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"secrets\":[{\"name\":\"A\",\"value\":\"" + "x".repeat(600_000) + "\"}]}")
                        .put(secrets(owner))
                        .then(),
                413);
        problem(
                given().contentType(ContentType.JSON)
                        .body("{not json")
                        .put(secrets(owner))
                        .then(),
                400);
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{\"secrets\":{\"name\":\"A\"}}")
                                .put(secrets(owner))
                                .then(),
                        400)
                .body("errors.field", hasItem("secrets"));
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{\"secrets\":[{\"name\":\"A\",\"value\":[1]}]}")
                                .put(secrets(owner))
                                .then(),
                        400)
                .body("errors.field", hasItem("secrets[0].value"));
    }

    @Test
    void jsonIsStrictAndNulIsRefused() {
        String owner = UUID.randomUUID().toString();
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"secrets\":[],\"secrets\":[{\"name\":\"A\",\"value\":\"v\"}]}")
                        .put(secrets(owner))
                        .then(),
                400);
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"secrets\":[]} []")
                        .put(secrets(owner))
                        .then(),
                400);
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{\"secrets\":[{\"name\":\"A\\u0000B\",\"value\":\"v\"}]}")
                                .put(secrets(owner))
                                .then(),
                        400)
                .body("errors.field", hasItem("secrets[0].name"));
        problem(
                given().urlEncodingEnabled(false)
                        .get("/internal/v1/tenants/tenant-a/owners/a%00b/secrets")
                        .then(),
                400);
        problem(
                given().urlEncodingEnabled(false)
                        .get("/internal/v1/tenants/tenant-a/audit?owner_id=x%00y")
                        .then(),
                400);
        problem(
                given().queryParam("page", Integer.MAX_VALUE)
                        .queryParam("per_page", 100)
                        .get("/internal/v1/tenants/tenant-a/audit")
                        .then(),
                400);
    }

    @Test
    void concurrentReplaceAllOfOneOwnerIsSerialized() throws Exception {
        String owner = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String body = "{\"secrets\":[{\"name\":\"A\",\"value\":\"a" + i + "\"},{\"name\":\"N" + i
                        + "\",\"value\":\"v\"}]}";
                Callable<Integer> put = () -> given().contentType(ContentType.JSON)
                        .body(body)
                        .put(secrets(owner))
                        .statusCode();
                answers.add(pool.submit(put));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isIn(200, 409);
            }
        } finally {
            pool.shutdownNow();
        }
        // the last writer's set, whole: two names, never a mix
        given().get(secrets(owner))
                .then()
                .statusCode(200)
                .body("secrets.name.size()", equalTo(2))
                .body("secrets.name", hasItem("A"));
    }

    @Test
    void decryptResponsesAreNeverCachedAndEveryResponseHasSecurityHeaders() {
        String owner = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"A\",\"value\":\"v\"}]}")
                .put(secrets(owner))
                .then()
                .statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer");
        given().post(secrets(owner) + "/decrypt")
                .then()
                .statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .header("X-Content-Type-Options", "nosniff");
        given().get("/no/such/path").then().statusCode(404).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void refusesTokensThatBreakARuleWith401() {
        for (Map.Entry<String, String> token :
                HostileTokens.refused("tenant-a", "read:secrets").entrySet()) {
            try {
                given().header("Authorization", TestTokens.bearer(token.getValue()))
                        .get(secrets("o1"))
                        .then()
                        .statusCode(401)
                        .contentType(PROBLEM);
            } catch (AssertionError e) {
                throw new AssertionError("token with " + token.getKey() + ": " + e.getMessage(), e);
            }
        }
        given().header(
                        "Authorization",
                        TestTokens.bearer(HostileTokens.acceptedAtTheLimits("tenant-a", "read:secrets")))
                .get(secrets("o1"))
                .then()
                .statusCode(200)
                .body("secrets", Matchers.empty());
    }

    @Test
    void metricsDoNotLabelAttackerChosenPathsOrMethods() {
        given().get("/probe-5e1d2c/secret-path").then().statusCode(404);
        given().request("FROBNICATE", "/internal/v1/tenants/tenant-a/owners/o1/secrets")
                .then()
                .statusCode(Matchers.greaterThanOrEqualTo(400));
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("http_server_requests")
                .doesNotContain("probe-5e1d2c")
                .doesNotContain("FROBNICATE");
    }
}
