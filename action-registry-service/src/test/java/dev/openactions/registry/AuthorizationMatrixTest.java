package dev.openactions.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.ExecutionRecord;
import dev.openactions.contracts.Topics;
import dev.openactions.contracts.TriggerId;
import dev.openactions.localstack.HttpSink;
import dev.openactions.registry.repository.ExecutionRepository;
import dev.openactions.registry.security.Scopes;
import dev.openactions.testsupport.AuthorizationMatrix;
import dev.openactions.testsupport.AuthorizationMatrix.BadToken;
import dev.openactions.testsupport.AuthorizationMatrix.Operation;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.KafkaTestClient;
import dev.openactions.testsupport.PostgresResource;
import dev.openactions.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The registry's authorization matrix, generated from its OpenAPI document: every operation × no
 * token, expired, bad signature, wrong audience (401), missing scope (403), another tenant's token
 * (404 for tenant A's action, version, binding and execution; B's own empty lists otherwise), and the
 * scope it needs (allowed). Tenant A is "default", seeded through the normal API.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
class AuthorizationMatrixTest {
    private static final List<String> ALL =
            List.of(Scopes.READ_ACTIONS, Scopes.CREATE_ACTIONS, Scopes.UPDATE_ACTIONS, Scopes.DELETE_ACTIONS);
    private static final String TENANT = "default";
    private static final String OTHER = "tenant-b";
    private static final TriggerId TRIGGER = TriggerId.CREDENTIALS_EXCHANGE;

    @HttpSinkResource.InjectHttpSink
    HttpSink secretsService;

    @ExecutorStubResource.InjectExecutor
    ExecutorStub executor;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Inject
    ExecutionRepository executions;

    private String actionName;
    private String actionId;
    private String versionId;
    private String bindingId;
    private String executionId;

    /** Tenant A's action (deployed, bound) and execution, created with the module's default token. */
    @BeforeEach
    void seedTenantA() throws Exception {
        executor.reset();
        secretsService.clear();
        secretsService.respondWith(200, "{\"secrets\":[]}");
        actionName = "matrix-" + UUID.randomUUID();
        actionId = RegistryApi.create(actionName, TRIGGER);
        versionId = RegistryApi.deployBuilt(actionId);
        RegistryApi.bind(TRIGGER, actionId);
        bindingId = given().get(RegistryApi.TRIGGERS + "/" + TRIGGER.id() + "/bindings")
                .then()
                .statusCode(200)
                .extract()
                .path("bindings[0].id");
        executionId = UUID.randomUUID().toString();
        Instant at = Instant.now();
        ExecutionRecord record =
                new ExecutionRecord(executionId, TENANT, TRIGGER.id(), "completed", null, at, at, List.of());
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            kafka.send(Topics.ACTIONS_EXECUTIONS, Topics.key(TENANT, executionId), json.writeValueAsString(record));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> QuarkusTransaction.requiringNew()
                        .call(() ->
                                executions.findForTenant(TENANT, executionId).isPresent()));
        RestAssured.replaceFiltersWith(List.of());
    }

    private String pathOf(Operation op) {
        return op.resolve(name -> switch (name) {
            case "id" ->
                op.path().startsWith("/api/v2/actions/executions")
                        ? executionId
                        : op.path().contains("/versions/") ? versionId : actionId;
            case "actionId" -> actionId;
            case "bindingId" -> bindingId;
            case "triggerId" -> TRIGGER.id();
            default -> null;
        });
    }

    private String bodyOf(Operation op) {
        String ref = "{\"type\":\"action_id\",\"value\":\"" + actionId + "\"}";
        return switch (op.method() + " " + op.path()) {
            case "POST /api/v2/actions/actions" ->
                RegistryApi.createBody(
                        "matrix-new-" + UUID.randomUUID(), TRIGGER, RegistryApi.handlerCode(TRIGGER, "// new"), null);
            case "PATCH /api/v2/actions/actions/{id}" ->
                "{\"code\":" + RegistryApi.quote(RegistryApi.handlerCode(TRIGGER, "// patched")) + "}";
            case "POST /api/v2/actions/actions/{id}/test" -> "{\"payload\":{\"client\":{\"client_id\":\"c1\"}}}";
            case "POST /api/v2/actions/actions/{actionId}/versions/{id}/deploy" -> "{}";
            case "PATCH /api/v2/actions/triggers/{triggerId}/bindings" -> "{\"bindings\":[{\"ref\":" + ref + "}]}";
            case "POST /api/v2/actions/triggers/{triggerId}/bindings" -> "{\"ref\":" + ref + "}";
            default -> null;
        };
    }

    /** Operations that name one of tenant A's resources, in the path or (bindings) in the body. */
    private static boolean namesAResource(Operation op) {
        return op.path().contains("{id}")
                || op.path().contains("{actionId}")
                || op.path().contains("{bindingId}")
                || (op.path().endsWith("/bindings") && !op.method().equals("GET"));
    }

    private static String token(String tenant, List<String> scopes) {
        return TestTokens.forTenant(tenant, scopes.toArray(String[]::new));
    }

    @Test
    void everyOperationDeclaresTheScopeItRequires() {
        List<Operation> operations = AuthorizationMatrix.operations("/api/v2/");
        assertThat(operations).hasSizeGreaterThanOrEqualTo(16);
        assertThat(operations)
                .allSatisfy(op ->
                        assertThat(op.scopes()).as(op.toString()).hasSize(1).containsAnyElementsOf(ALL));
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesWhatItMustAndAllowsWhatItNeeds() {
        List<Operation> operations = AuthorizationMatrix.operations("/api/v2/");
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation op : operations) {
            // tenant A's data that this request does not itself name (a 404 may repeat the id it was asked for)
            String[] markers = Stream.of(actionId, actionName, versionId, executionId, bindingId)
                    .filter(m -> !pathOf(op).contains(m)
                            && (bodyOf(op) == null || !bodyOf(op).contains(m)))
                    .toArray(String[]::new);
            for (BadToken bad : BadToken.values()) {
                tests.add(DynamicTest.dynamicTest(
                        op + " " + bad,
                        () -> AuthorizationMatrix.assertRefused(
                                op,
                                bad.name(),
                                AuthorizationMatrix.send(op, pathOf(op), bad.token(TENANT, ALL), bodyOf(op)),
                                401,
                                markers)));
            }
            List<String> others =
                    ALL.stream().filter(s -> !op.scopes().contains(s)).toList();
            tests.add(DynamicTest.dynamicTest(
                    op + " missing scope",
                    () -> AuthorizationMatrix.assertRefused(
                            op,
                            "missing scope",
                            AuthorizationMatrix.send(op, pathOf(op), token(TENANT, others), bodyOf(op)),
                            403,
                            markers)));
            tests.add(DynamicTest.dynamicTest(op + " other tenant", () -> {
                var response = AuthorizationMatrix.send(op, pathOf(op), token(OTHER, ALL), bodyOf(op));
                if (op.path().endsWith("/bindings") && !op.method().equals("GET")) {
                    // the action named in the body is not B's: the same 400 "does not exist" as for an unknown id
                    AuthorizationMatrix.assertRefused(op, "other tenant", response, 400, markers);
                } else if (namesAResource(op)) {
                    AuthorizationMatrix.assertRefused(op, "other tenant", response, 404, markers);
                } else {
                    AuthorizationMatrix.assertAllowed(op, response);
                    for (String marker : new String[] {actionId, actionName, versionId, executionId, bindingId}) {
                        assertThat(response.asString())
                                .as(op + " for another tenant")
                                .doesNotContain(marker);
                    }
                }
            }));
        }
        // after all refusals, tenant A's resources are untouched
        tests.add(DynamicTest.dynamicTest("tenant A's resources survived", () -> {
            given().header("Authorization", TestTokens.bearer(token(TENANT, ALL)))
                    .get(RegistryApi.ACTIONS + "/" + actionId)
                    .then()
                    .statusCode(200);
            given().header("Authorization", TestTokens.bearer(token(TENANT, ALL)))
                    .get(RegistryApi.TRIGGERS + "/" + TRIGGER.id() + "/bindings")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("bindings.id")
                    .equals(List.of(bindingId));
        }));
        // the positive cases last, deletions at the very end
        operations.stream()
                .sorted(Comparator.comparing((Operation op) -> op.method().equals("DELETE"))
                        .thenComparing(op -> op.path().contains("{bindingId}") ? 0 : 1))
                .forEach(op -> tests.add(DynamicTest.dynamicTest(
                        op + " allowed",
                        () -> AuthorizationMatrix.assertAllowed(
                                op,
                                AuthorizationMatrix.send(op, pathOf(op), token(TENANT, op.scopes()), bodyOf(op))))));
        return tests.stream();
    }

    @Test
    void aTenantSeesOnlyItsOwnActionsVersionsBindingsAndExecutions() {
        String b = TestTokens.bearer(token(OTHER, ALL));
        given().header("Authorization", b)
                .get(RegistryApi.ACTIONS + "?per_page=100")
                .then()
                .statusCode(200)
                .extract()
                .path("actions.id")
                .equals(List.of());
        assertThat(given().header("Authorization", b)
                        .get(RegistryApi.ACTIONS + "?per_page=100")
                        .asString())
                .doesNotContain(actionId);
        assertThat(given().header("Authorization", b)
                        .get(RegistryApi.ACTIONS + "?actionName=" + actionName)
                        .then()
                        .statusCode(200)
                        .extract()
                        .<Integer>path("total"))
                .isZero();
        given().header("Authorization", b)
                .get(RegistryApi.ACTIONS + "/" + actionId + "/versions")
                .then()
                .statusCode(404);
        given().header("Authorization", b)
                .get(RegistryApi.ACTIONS + "/" + actionId + "/versions/" + versionId)
                .then()
                .statusCode(404);
        assertThat(given().header("Authorization", b)
                        .get(RegistryApi.TRIGGERS + "/" + TRIGGER.id() + "/bindings")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .doesNotContain(actionId)
                .doesNotContain(bindingId);
        given().header("Authorization", b)
                .get("/api/v2/actions/executions/" + executionId)
                .then()
                .statusCode(404);
        given().header("Authorization", b)
                .contentType(ContentType.JSON)
                .body("{\"payload\":{}}")
                .post(RegistryApi.ACTIONS + "/" + actionId + "/test")
                .then()
                .statusCode(404);
        assertThat(executor.received("/internal/v1/test-runs"))
                .as("no test run for another tenant's action")
                .isEmpty();
        // and the same token that names tenant A sees it all
        String a = TestTokens.bearer(token(TENANT, ALL));
        given().header("Authorization", a)
                .get("/api/v2/actions/executions/" + executionId)
                .then()
                .statusCode(200);
        given().header("Authorization", a)
                .get(RegistryApi.ACTIONS + "/" + actionId + "/versions/" + versionId)
                .then()
                .statusCode(200);
    }

    @Test
    void aTokenWithoutATenantCannotUseTheManagementApi() {
        AuthorizationMatrix.assertRefused(
                new Operation("GET", RegistryApi.ACTIONS, List.of()),
                "service token",
                given().header(
                                "Authorization",
                                TestTokens.bearer(TestTokens.forService("some-service", ALL.toArray(String[]::new))))
                        .get(RegistryApi.ACTIONS),
                403,
                actionId);
    }

    @Test
    void theRegistryWritesSecretsAsItselfWithAServiceToken() {
        secretsService.clear();
        secretsService.respondWith(200, "{\"secrets\":[{\"name\":\"K\",\"updated_at\":\"2026-11-22T08:00:00Z\"}]}");
        given().header("Authorization", TestTokens.bearer(token(TENANT, ALL)))
                .contentType(ContentType.JSON)
                .body(RegistryApi.createBody(
                        "with-secret-" + UUID.randomUUID(),
                        TRIGGER,
                        RegistryApi.handlerCode(TRIGGER, ""),
                        "\"secrets\":[{\"name\":\"K\",\"value\":\"v\"}]"))
                .post(RegistryApi.ACTIONS)
                .then()
                .statusCode(201);
        String authorization = secretsService.received().get(0).header("authorization");
        assertThat(authorization).startsWith("Bearer ");
        String claims = new String(
                Base64.getUrlDecoder().decode(authorization.substring(7).split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims)
                .contains("\"sub\":\"action-registry-service\"")
                .contains("write:secrets")
                .doesNotContain("openactions.dev/tenant");
    }
}
