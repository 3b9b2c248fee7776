package dev.openactions.secrets.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.testsupport.OpenApiContract;
import dev.openactions.testsupport.OpenApiFuzzer;
import dev.openactions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document describes the wire: real requests and responses validate against it, its
 * schemas use the wire's snake_case names, and a generated fuzz run of its operations gets no 5xx
 * and problem+json for every error.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "secrets"))
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
                .contains("\"updated_at\"")
                .contains("\"per_page\"")
                .doesNotContain("\"updatedAt\"")
                .doesNotContain("\"perPage\"")
                .doesNotContain("\"occurredAt\"");
    }

    @Test
    void realRequestsAndResponsesMatchTheDocument() {
        OpenApiContract contract = OpenApiContract.served();
        List<String> violations = new ArrayList<>();
        String owner = "/internal/v1/tenants/tenant-a/owners/" + UUID.randomUUID();
        String replace = "{\"secrets\":[{\"name\":\"A\",\"value\":\"one\"},{\"name\":\"B\",\"value\":\"two\"}]}";
        exchange(
                contract,
                violations,
                "PUT",
                owner + "/secrets",
                replace,
                given().contentType(ContentType.JSON).body(replace).put(owner + "/secrets"));
        exchange(contract, violations, "GET", owner + "/secrets", null, given().get(owner + "/secrets"));
        String one = "{\"value\":\"three\"}";
        exchange(
                contract,
                violations,
                "PUT",
                owner + "/secrets/C",
                one,
                given().contentType(ContentType.JSON).body(one).put(owner + "/secrets/C"));
        exchange(
                contract,
                violations,
                "POST",
                owner + "/secrets/decrypt",
                null,
                given().post(owner + "/secrets/decrypt"));
        exchange(
                contract,
                violations,
                "GET",
                "/internal/v1/tenants/tenant-a/audit",
                null,
                given().get("/internal/v1/tenants/tenant-a/audit"));
        exchange(contract, violations, "GET", "/internal/v1/admin/key", null, given().get("/internal/v1/admin/key"));
        assertThat(violations).isEmpty();
    }

    @Test
    void fuzzedOperationsNeverAnswer5xxAndAlwaysAnswerProblems() {
        String owner = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"A\",\"value\":\"one\"}]}")
                .put("/internal/v1/tenants/tenant-a/owners/" + owner + "/secrets")
                .then()
                .statusCode(200);
        OpenApiFuzzer fuzzer = new OpenApiFuzzer(
                        OpenApiContract.served(),
                        Long.getLong("fuzz.seed", 20261206L),
                        name -> switch (name) {
                            case "tenantId" -> "tenant-a";
                            case "ownerId" -> owner;
                            case "name" -> "A";
                            default -> null;
                        },
                        Duration.ofSeconds(10))
                .excluding("/internal/v1/admin/");
        OpenApiFuzzer.Report report = fuzzer.run(400, Duration.ofSeconds(90));
        assertThat(report.sent()).isGreaterThan(100);
        assertThat(report.failures())
                .as("seed %d, %d requests", report.seed(), report.sent())
                .isEmpty();
    }
}
