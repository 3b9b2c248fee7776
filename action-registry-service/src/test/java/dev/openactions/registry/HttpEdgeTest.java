package dev.openactions.registry;

import static dev.openactions.registry.RegistryApi.ACTIONS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.openactions.contracts.TriggerId;
import dev.openactions.localstack.HttpSink;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edge of the HTTP API: every error — the framework's own included — is problem+json with
 * Auth0's error fields, input PostgreSQL cannot store is refused with 400 naming the field, JSON is
 * read strictly, and every response carries the security headers.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
class HttpEdgeTest {
    private static final String PROBLEM = "application/problem+json";

    @HttpSinkResource.InjectHttpSink
    HttpSink secretsService;

    @BeforeEach
    void collaboratorsAnswer() {
        secretsService.clear();
        secretsService.respondWith(200, "{\"secrets\":[]}");
    }

    /** problem+json with RFC 9457 and Auth0 fields, and nothing that looks like a stack trace. */
    static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(PROBLEM)
                .body("type", startsWith("https://openactions.dev/problems/"))
                .body("title", notNullValue())
                .body("status", equalTo(status))
                .body("detail", notNullValue())
                .body("statusCode", equalTo(status))
                .body("error", notNullValue())
                .body("message", notNullValue())
                .body("errorCode", notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }

    @Test
    void frameworkErrorsAreProblems() {
        problem(given().get("/no/such/path").then(), 404);
        problem(given().get("/api/v2/actions/nothing-here").then(), 404);
        problem(given().delete(ACTIONS).then(), 405);
        problem(
                given().contentType(ContentType.TEXT)
                        .body("hello")
                        .post(ACTIONS)
                        .then(),
                415);
        problem(given().accept("application/xml").get(ACTIONS).then(), 406);
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"name\":\"" + "x".repeat(1_100_000) + "\"}")
                        .post(ACTIONS)
                        .then(),
                413);
        problem(
                given().contentType(ContentType.JSON)
                        .body("{not json")
                        .post(ACTIONS)
                        .then(),
                400);
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{\"name\":[1,2]}")
                                .post(ACTIONS)
                                .then(),
                        400)
                .body("errors.field", hasItem("name"));
    }

    @Test
    void jsonIsReadStrictly() {
        String body = RegistryApi.createBody(
                "strict-json", TriggerId.POST_LOGIN, RegistryApi.handlerCode(TriggerId.POST_LOGIN, ""), null);
        problem(
                        given().contentType(ContentType.JSON)
                                .body(body.replaceFirst("\\{", "{\"name\":\"first\","))
                                .post(ACTIONS)
                                .then(),
                        400)
                .body("detail", containsString("not valid JSON"));
        problem(
                given().contentType(ContentType.JSON)
                        .body(body + " {\"name\":\"trailing\"}")
                        .post(ACTIONS)
                        .then(),
                400);
        problem(
                given().contentType(ContentType.JSON)
                        .body(body + " garbage")
                        .post(ACTIONS)
                        .then(),
                400);
        given().contentType(ContentType.JSON).body(body).post(ACTIONS).then().statusCode(201);
    }

    @Test
    void nulCharactersAreRefusedNamingTheField() {
        String code = RegistryApi.handlerCode(TriggerId.POST_LOGIN, "");
        problem(
                        given().contentType(ContentType.JSON)
                                .body(RegistryApi.createBody("nul\\u0000name", TriggerId.POST_LOGIN, code, null)
                                        .replace("\\\\u0000", "\\u0000"))
                                .post(ACTIONS)
                                .then(),
                        400)
                .body("errors.field", hasItem("name"));
        problem(
                        given().contentType(ContentType.JSON)
                                .body(
                                        "{\"name\":\"ok\",\"supported_triggers\":[{\"id\":\"post-login\\u0000\",\"version\":\"v3\"}],\"code\":\"x\"}")
                                .post(ACTIONS)
                                .then(),
                        400)
                .body("errors.field", hasItem("supported_triggers[0].id"));
        problem(
                        given().urlEncodingEnabled(false)
                                .get(ACTIONS + "?actionName=a%00b")
                                .then(),
                        400)
                .body("errors.field", hasItem("actionName"));
        problem(given().urlEncodingEnabled(false).get(ACTIONS + "/abc%00def").then(), 400)
                .body("errors.field", hasItem("id"));
        problem(
                given().urlEncodingEnabled(false)
                        .get(RegistryApi.TRIGGERS + "/post%00login/bindings")
                        .then(),
                400);
    }

    @Test
    void pagingBeyondItsBoundsIsRefused() {
        problem(
                given().queryParam("page", Integer.MAX_VALUE)
                        .queryParam("per_page", 100)
                        .get(ACTIONS)
                        .then(),
                400);
        problem(given().queryParam("page", 100_001).get(ACTIONS).then(), 400);
        problem(given().queryParam("page", -1).get(ACTIONS).then(), 400);
        problem(given().queryParam("per_page", 101).get(ACTIONS).then(), 400);
        problem(
                given().queryParam("page", Integer.MAX_VALUE)
                        .get(RegistryApi.TRIGGERS + "/post-login/bindings")
                        .then(),
                400);
        given().queryParam("page", 100_000)
                .queryParam("per_page", 100)
                .get(ACTIONS)
                .then()
                .statusCode(200);
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (ValidatableResponse response : new ValidatableResponse[] {
            given().get(ACTIONS).then().statusCode(200),
            given().get("/no/such/path").then().statusCode(404),
            given().get("/q/health/live").then()
        }) {
            response.header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer")
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        }
    }

    @Test
    void testRunResponsesAreNeverCached() {
        given().contentType(ContentType.JSON)
                .body("{\"payload\":{}}")
                .post(ACTIONS + "/" + UUID.randomUUID() + "/test")
                .then()
                .statusCode(404)
                .header("Cache-Control", containsString("no-store"));
    }

    @Test
    void metricsDoNotLabelAttackerChosenPathsOrMethods() {
        given().get("/probe-7f3a9c/secret-path").then().statusCode(404);
        given().request("FROBNICATE", "/api/v2/actions/actions").then().statusCode(Matchers.greaterThanOrEqualTo(400));
        given().request("PROPFIND", "/probe-8b2d71").then().statusCode(Matchers.greaterThanOrEqualTo(400));
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("http_server_requests");
        assertThat(metrics)
                .doesNotContain("probe-7f3a9c")
                .doesNotContain("probe-8b2d71")
                .doesNotContain("FROBNICATE")
                .doesNotContain("PROPFIND");
    }

    @Test
    void aBindingThatNamesNoActionIsRefusedAtOnce() {
        // a socket timeout far below the executor client's 30 s: a hang fails the test instead of passing late
        RestAssuredConfig quick = RestAssured.config()
                .httpClient(HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 10_000));
        String bindings = RegistryApi.TRIGGERS + "/post-login/bindings";
        for (String ref : new String[] {
            "{\"type\":\"action_id\",\"value\":\"" + UUID.randomUUID() + "\"}",
            "{\"type\":\"action_name\",\"value\":\"no-such-action\"}",
            "{\"type\":\"action_id\",\"value\":\"not-a-uuid\"}"
        }) {
            problem(
                    given().config(quick)
                            .contentType(ContentType.JSON)
                            .body("{\"bindings\":[{\"ref\":" + ref + "}]}")
                            .patch(bindings)
                            .then(),
                    400);
            problem(
                    given().config(quick)
                            .contentType(ContentType.JSON)
                            .body("{\"ref\":" + ref + "}")
                            .post(bindings)
                            .then(),
                    400);
        }
    }
}
