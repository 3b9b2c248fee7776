package dev.openactions.executor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.OpenApiContract;
import dev.openactions.testsupport.OpenApiFuzzer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document describes the wire: real requests and responses validate against it, its
 * schemas use the wire's snake_case names, and a generated fuzz run of its operations gets no 5xx
 * and problem+json for every error.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class OpenApiConformanceTest {
    private static void exchange(
            OpenApiContract contract,
            List<String> violations,
            String method,
            String path,
            String body,
            Response response) {
        if (body != null) {
            violations.addAll(contract.requestViolations(method, path, body));
        }
        violations.addAll(contract.responseViolations(method, path, response.statusCode(), response.asString()));
    }

    @Test
    void schemasUseTheWireNames() {
        String schemas = OpenApiContract.served()
                .document()
                .path("components")
                .path("schemas")
                .toString();
        assertThat(schemas)
                .contains("\"continuation_token\"")
                .contains("\"tenant_id\"")
                .doesNotContain("\"continuationToken\"")
                .doesNotContain("\"tenantId\"")
                .doesNotContain("\"actionName\"");
    }

    @Test
    void realRequestsAndResponsesMatchTheDocument() {
        OpenApiContract contract = OpenApiContract.served();
        List<String> violations = new ArrayList<>();
        String flow =
                "{\"event\":{\"user\":{\"user_id\":\"auth0|1\",\"email\":\"a@example.com\"},\"request\":{\"ip\":\"198.51.100.7\"}}}";
        exchange(
                contract,
                violations,
                "POST",
                "/api/v1/flows/post-login",
                flow,
                given().contentType(ContentType.JSON).body(flow).post("/api/v1/flows/post-login"));
        String testRun = """
                {"tenant_id":"default","trigger_id":"post-login","action_id":"conformance","action_name":"conformance",
                 "code":"exports.onExecutePostLogin = async (event, api) => { console.log('hi'); api.idToken.setCustomClaim('https://x.example/a', 1); };",
                 "event":{"user":{"user_id":"auth0|1"}}}""";
        exchange(
                contract,
                violations,
                "POST",
                "/internal/v1/test-runs",
                testRun,
                given().contentType(ContentType.JSON).body(testRun).post("/internal/v1/test-runs"));
        assertThat(violations).isEmpty();
    }

    @Test
    void fuzzedOperationsNeverAnswer5xxAndAlwaysAnswerProblems() {
        OpenApiFuzzer fuzzer = new OpenApiFuzzer(
                        OpenApiContract.served(),
                        Long.getLong("fuzz.seed", 20261206L),
                        name -> "triggerId".equals(name) ? "post-login" : null,
                        Duration.ofSeconds(10))
                .excluding("/api/v1/admin/");
        OpenApiFuzzer.Report report = fuzzer.run(300, Duration.ofSeconds(90));
        assertThat(report.sent()).isGreaterThan(100);
        assertThat(report.failures())
                .as("seed %d, %d requests", report.seed(), report.sent())
                .isEmpty();
    }
}
