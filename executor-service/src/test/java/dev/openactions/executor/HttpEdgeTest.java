package dev.openactions.executor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.openactions.testsupport.HostileTokens;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * The edge of the executor's API: every error is problem+json with snake_case field names (the
 * framework's own included), JSON is strict, tokens that break a rule are refused, flow and
 * test-run responses are never cached.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class HttpEdgeTest {
    private static final String PROBLEM = "application/problem+json";
    private static final String FLOWS = "/api/v1/flows/";

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
        problem(given().get("/no/such/path").then(), 404);
        problem(given().get(FLOWS + "post-login").then(), 405);
        problem(
                given().contentType(ContentType.TEXT)
                        .body("hello")
                        .post(FLOWS + "post-login")
                        .then(),
                415);
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"event\":{\"x\":\"" + "x".repeat(1_100_000) + "\"}}")
                        .post(FLOWS + "post-login")
                        .then(),
                413);
        problem(
                given().contentType(ContentType.JSON)
                        .body("{not json")
                        .post(FLOWS + "post-login")
                        .then(),
                400);
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{\"event\":[1,2]}")
                                .post(FLOWS + "post-login")
                                .then(),
                        400)
                .body("errors.field", hasItem("event"));
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"continuation_token\":7,\"event\":{}}")
                        .post(FLOWS + "post-login/continue")
                        .then(),
                400);
    }

    @Test
    void fieldNamesInErrorsAreSnakeCase() {
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{\"continuation_token\":\"\",\"event\":{}}")
                                .post(FLOWS + "post-login/continue")
                                .then(),
                        400)
                .body("errors.field", hasItem("continuation_token"))
                .body(not(containsString("continuationToken")));
    }

    @Test
    void jsonIsStrictAndNulIsRefused() {
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"event\":{\"user\":{}},\"event\":{}}")
                        .post(FLOWS + "post-login")
                        .then(),
                400);
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"event\":{}} {}")
                        .post(FLOWS + "post-login")
                        .then(),
                400);
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{\"continuation_token\":\"a\\u0000b\",\"event\":{}}")
                                .post(FLOWS + "post-login/continue")
                                .then(),
                        400)
                .body("errors.field", hasItem("continuation_token"));
        problem(
                given().urlEncodingEnabled(false)
                        .contentType(ContentType.JSON)
                        .body("{\"event\":{}}")
                        .post(FLOWS + "post%00login")
                        .then(),
                400);
    }

    @Test
    void flowAndTestRunResponsesAreNeverCachedAndCarrySecurityHeaders() {
        given().contentType(ContentType.JSON)
                .body("{\"event\":{\"user\":{\"user_id\":\"auth0|1\"}}}")
                .post(FLOWS + "post-login")
                .then()
                .statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer");
        String request = """
                {"tenant_id":"default","trigger_id":"post-login","action_id":"edge","action_name":"edge",
                 "code":"exports.onExecutePostLogin = async () => {};","event":{"user":{"user_id":"auth0|1"}}}""";
        given().contentType(ContentType.JSON)
                .body(request)
                .post("/internal/v1/test-runs")
                .then()
                .statusCode(200)
                .header("Cache-Control", containsString("no-store"));
        given().get("/no/such/path").then().statusCode(404).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void refusesTokensThatBreakARuleWith401() {
        for (Map.Entry<String, String> token :
                HostileTokens.refused("default", "execute:flows").entrySet()) {
            try {
                given().header("Authorization", TestTokens.bearer(token.getValue()))
                        .contentType(ContentType.JSON)
                        .body("{\"event\":{\"user\":{\"user_id\":\"auth0|1\"}}}")
                        .post(FLOWS + "post-login")
                        .then()
                        .statusCode(401)
                        .contentType(PROBLEM);
            } catch (AssertionError e) {
                throw new AssertionError("token with " + token.getKey() + ": " + e.getMessage(), e);
            }
        }
        given().header(
                        "Authorization",
                        TestTokens.bearer(HostileTokens.acceptedAtTheLimits("default", "execute:flows")))
                .contentType(ContentType.JSON)
                .body("{\"event\":{\"user\":{\"user_id\":\"auth0|1\"}}}")
                .post(FLOWS + "post-login")
                .then()
                .statusCode(200);
    }

    @Test
    void metricsDoNotLabelAttackerChosenPathsOrMethods() {
        given().get("/probe-3c9e4a/secret-path").then().statusCode(404);
        given().request("FROBNICATE", FLOWS + "post-login").then().statusCode(Matchers.greaterThanOrEqualTo(400));
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("http_server_requests")
                .doesNotContain("probe-3c9e4a")
                .doesNotContain("FROBNICATE");
    }
}
