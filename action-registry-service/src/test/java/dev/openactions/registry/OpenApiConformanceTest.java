package dev.openactions.registry;

import static dev.openactions.registry.RegistryApi.ACTIONS;
import static dev.openactions.registry.RegistryApi.TRIGGERS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.contracts.TriggerId;
import dev.openactions.localstack.HttpSink;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document describes the wire: real requests and responses validate against it (so a
 * client generated from it works), its schemas use the wire's snake_case names, and a generated
 * fuzz run of its operations gets no 5xx and problem+json for every error.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
class OpenApiConformanceTest {
    @HttpSinkResource.InjectHttpSink
    HttpSink secretsService;

    @ExecutorStubResource.InjectExecutor
    ExecutorStub executor;

    @BeforeEach
    void collaboratorsAnswer() {
        executor.reset();
        secretsService.clear();
        secretsService.respondWith(200, "{\"secrets\":[]}");
    }

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
        OpenApiContract contract = OpenApiContract.served();
        String schemas = contract.document().path("components").path("schemas").toString();
        assertThat(schemas)
                .contains("\"supported_triggers\"")
                .contains("\"created_at\"")
                .contains("\"per_page\"")
                .doesNotContain("\"supportedTriggers\"")
                .doesNotContain("\"createdAt\"")
                .doesNotContain("\"perPage\"");
    }

    @Test
    void realRequestsAndResponsesMatchTheDocument() {
        OpenApiContract contract = OpenApiContract.served();
        List<String> violations = new ArrayList<>();
        String create = RegistryApi.createBody(
                "openapi-conformance",
                TriggerId.POST_LOGIN,
                RegistryApi.handlerCode(TriggerId.POST_LOGIN, "api.idToken.setCustomClaim('https://x.example/a', 1);"),
                "\"secrets\":[{\"name\":\"K\",\"value\":\"v\"}],\"dependencies\":[]");
        Response created = given().contentType(ContentType.JSON).body(create).post(ACTIONS);
        assertThat(created.statusCode()).isEqualTo(201);
        exchange(contract, violations, "POST", ACTIONS, create, created);
        String id = created.path("id");

        exchange(contract, violations, "GET", ACTIONS, null, given().get(ACTIONS));
        exchange(contract, violations, "GET", ACTIONS + "/" + id, null, given().get(ACTIONS + "/" + id));
        String patch = "{\"code\":\"exports.onExecutePostLogin = async () => {};\"}";
        exchange(
                contract,
                violations,
                "PATCH",
                ACTIONS + "/" + id,
                patch,
                given().contentType(ContentType.JSON).body(patch).patch(ACTIONS + "/" + id));
        exchange(
                contract,
                violations,
                "POST",
                ACTIONS + "/" + id + "/deploy",
                null,
                given().post(ACTIONS + "/" + id + "/deploy"));
        exchange(
                contract,
                violations,
                "GET",
                ACTIONS + "/" + id + "/versions",
                null,
                given().get(ACTIONS + "/" + id + "/versions"));
        exchange(contract, violations, "GET", TRIGGERS, null, given().get(TRIGGERS));
        exchange(
                contract,
                violations,
                "GET",
                TRIGGERS + "/post-login/bindings",
                null,
                given().get(TRIGGERS + "/post-login/bindings"));

        assertThat(violations).isEmpty();
    }

    @Test
    void fuzzedOperationsNeverAnswer5xxAndAlwaysAnswerProblems() {
        String actionId = RegistryApi.create("fuzz-target", TriggerId.POST_LOGIN);
        OpenApiFuzzer fuzzer = new OpenApiFuzzer(
                OpenApiContract.served(),
                Long.getLong("fuzz.seed", 20261206L),
                name -> switch (name) {
                    case "id", "actionId" -> actionId;
                    case "triggerId" -> "post-login";
                    default -> null;
                },
                Duration.ofSeconds(10));
        OpenApiFuzzer.Report report = fuzzer.run(400, Duration.ofSeconds(90));
        assertThat(report.sent()).isGreaterThan(100);
        assertThat(report.failures())
                .as("seed %d, %d requests", report.seed(), report.sent())
                .isEmpty();
    }
}
