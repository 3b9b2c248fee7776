package dev.openactions.registry;

import static dev.openactions.registry.RegistryApi.ACTIONS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

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
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The spec's limits, each enforced with a clear problem+json answer, and the OpenAPI document. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
class LimitsTest {
    private static final TriggerId TRIGGER = TriggerId.SEND_PHONE_MESSAGE;
    private static final String PROBLEM = "application/problem+json";

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

    private static String secrets(int count, int valueLength) {
        return "\"secrets\":["
                + IntStream.range(0, count)
                        .mapToObj(i -> "{\"name\":\"S" + i + "\",\"value\":\"" + "v".repeat(valueLength) + "\"}")
                        .collect(Collectors.joining(","))
                + "]";
    }

    private static String dependencies(int count) {
        return "\"dependencies\":["
                + IntStream.range(0, count)
                        .mapToObj(i -> "{\"name\":\"dep" + i + "\",\"version\":\"1.0.0\"}")
                        .collect(Collectors.joining(","))
                + "]";
    }

    private static ValidatableResponse post(String extra) {
        return given().contentType(ContentType.JSON)
                .body(RegistryApi.createBody(
                        "limits-" + UUID.randomUUID(), TRIGGER, RegistryApi.handlerCode(TRIGGER, ""), extra))
                .post(ACTIONS)
                .then();
    }

    @Test
    void secretsAndDependenciesAreLimitedPerAction() {
        post(secrets(31, 4)).statusCode(422).contentType(PROBLEM).body("detail", containsString("30 secrets"));
        post(dependencies(11)).statusCode(422).contentType(PROBLEM).body("detail", containsString("10 dependencies"));
        post(secrets(1, 4097))
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItem(containsString("value")));
        post("\"secrets\":[{\"name\":\"1BAD-NAME\",\"value\":\"x\"}]")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItem(containsString("name")));
        post("\"secrets\":[{\"name\":\"" + "N".repeat(129) + "\",\"value\":\"x\"}]")
                .statusCode(400)
                .contentType(PROBLEM);
        post("\"secrets\":[{\"name\":\"TWICE\",\"value\":\"x\"},{\"name\":\"TWICE\",\"value\":\"y\"}]")
                .statusCode(400)
                .body("detail", containsString("twice"));
        assertThat(secretsService.received())
                .as("nothing over a limit reaches the secrets service")
                .isEmpty();

        post(secrets(30, 4096) + "," + dependencies(10)).statusCode(201);
    }

    @Test
    void patchIsHeldToTheSameLimits() {
        String id = RegistryApi.create("patch-limits-" + UUID.randomUUID(), TRIGGER);
        String url = ACTIONS + "/" + id;
        given().contentType(ContentType.JSON)
                .body("{\"code\":\"" + "x".repeat(102_401) + "\"}")
                .patch(url)
                .then()
                .statusCode(413)
                .contentType(PROBLEM);
        given().contentType(ContentType.JSON)
                .body("{" + secrets(31, 1) + "}")
                .patch(url)
                .then()
                .statusCode(422)
                .contentType(PROBLEM);
        given().contentType(ContentType.JSON)
                .body("{" + dependencies(11) + "}")
                .patch(url)
                .then()
                .statusCode(422)
                .contentType(PROBLEM);
        given().contentType(ContentType.JSON)
                .body("{\"runtime\":\"node12\"}")
                .patch(url)
                .then()
                .statusCode(400)
                .body("detail", containsString("runtime"));
        given().contentType(ContentType.JSON)
                .body("{\"supported_triggers\":[]}")
                .patch(url)
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .body("{\"code\":")
                .patch(url)
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body(not(containsString("Exception")));
        given().contentType(ContentType.JSON)
                .body("{\"code\":\"" + "x".repeat(1_100_000) + "\"}")
                .patch(url)
                .then()
                .statusCode(413);
        given().get(url).then().statusCode(200).body("code", containsString(TRIGGER.handler()));
    }

    @Test
    void actionsPerTenantAreLimited() {
        List<String> created = new ArrayList<>();
        try {
            int status = 201;
            for (int i = 0; i <= 100 && status == 201; i++) {
                var response = given().contentType(ContentType.JSON)
                        .body(RegistryApi.createBody("many-" + UUID.randomUUID(), TRIGGER, "x", null))
                        .post(ACTIONS);
                status = response.statusCode();
                if (status == 201) {
                    created.add(response.path("id"));
                }
            }
            assertThat(status).isEqualTo(422);
            given().contentType(ContentType.JSON)
                    .body(RegistryApi.createBody("one-too-many", TRIGGER, "x", null))
                    .post(ACTIONS)
                    .then()
                    .statusCode(422)
                    .contentType(PROBLEM)
                    .body("detail", containsString("100 actions per tenant"));
            given().get(ACTIONS).then().statusCode(200).body("total", Matchers.equalTo(100));
        } finally {
            created.forEach(id -> given().delete(ACTIONS + "/" + id).then().statusCode(204));
        }
    }

    @Test
    void openApiDocumentsEveryEndpointAndItsErrors() {
        String openapi = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(openapi)
                .contains(
                        "\"/api/v2/actions/actions\"",
                        "\"/api/v2/actions/actions/{id}\"",
                        "\"/api/v2/actions/actions/{id}/deploy\"",
                        "\"/api/v2/actions/actions/{id}/test\"",
                        "\"/api/v2/actions/actions/{actionId}/versions\"",
                        "\"/api/v2/actions/actions/{actionId}/versions/{id}\"",
                        "\"/api/v2/actions/actions/{actionId}/versions/{id}/deploy\"",
                        "\"/api/v2/actions/triggers\"",
                        "\"/api/v2/actions/triggers/{triggerId}/bindings\"",
                        "\"/api/v2/actions/triggers/{triggerId}/bindings/{bindingId}\"",
                        "\"/api/v2/actions/executions/{id}\"",
                        "application/problem+json",
                        "\"Problem\"",
                        "\"ExecutionResponse\"",
                        "\"InsertBindingRequest\"",
                        "\"UpdateActionRequest\"");
        JsonPath doc = JsonPath.from(openapi);
        assertThat(doc.getMap("paths.'/api/v2/actions/actions/{id}'.patch.responses"))
                .containsKeys("200", "404", "409", "413", "422", "503");
        assertThat(doc.getMap("paths.'/api/v2/actions/actions/{id}/deploy'.post.responses"))
                .containsKey("202");
        assertThat(doc.getMap("paths.'/api/v2/actions/triggers/{triggerId}/bindings'.post.responses"))
                .containsKeys("201", "409", "422");
        assertThat(doc.getList("components.schemas.OnError.enum")).containsExactly("fail", "continue");
    }
}
