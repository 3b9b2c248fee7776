package dev.openactions.executor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.executor.security.Scopes;
import dev.openactions.testsupport.AuthorizationMatrix;
import dev.openactions.testsupport.AuthorizationMatrix.BadToken;
import dev.openactions.testsupport.AuthorizationMatrix.Operation;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The executor's authorization matrix, generated from its OpenAPI document: every operation × no
 * token, expired, bad signature, wrong audience (401), missing scope (403), another tenant's token
 * (tenant A's flow is not run, its suspended login cannot be resumed, its drafts cannot be
 * test-run), and the scope it needs (allowed).
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class AuthorizationMatrixTest extends FlowTestBase {
    private static final List<String> ALL =
            List.of(Scopes.EXECUTE_FLOWS, Scopes.BUILD_ACTIONS, Scopes.TEST_ACTIONS, Scopes.ADMIN);
    private static final String OTHER = "tenant-b";
    private static final String CLAIM_VALUE = "tenant-a-claim-" + UUID.randomUUID();
    private static final String SECRET_VALUE = "tenant-a-secret-" + UUID.randomUUID();
    private static final String LOGIN =
            "{\"event\":{\"user\":{\"user_id\":\"auth0|1\",\"email\":\"a@example.com\"},\"request\":{\"ip\":\"198.51.100.7\"}}}";

    private String continuation;

    @Override
    String secretValuesJson() {
        return "{\"API_KEY\":\"" + SECRET_VALUE + "\"}";
    }

    /** Tenant A's post-login flow: first login redirects (suspends), every login sets a claim. */
    @BeforeEach
    void deployTenantAsFlow() {
        deploy("post-login", FlowFixtures.action("tenant-a-action", """
                exports.onExecutePostLogin = async (event, api) => {
                  api.accessToken.setCustomClaim('https://example.com/a', '%s');
                  if (event.request.ip === '198.51.100.99') api.redirect.sendUserTo('https://idp.example.com/step');
                };
                exports.onContinuePostLogin = async (event, api) => {};""".formatted(CLAIM_VALUE), List.of("API_KEY")));
        continuation = given().contentType(ContentType.JSON)
                .body(LOGIN.replace("198.51.100.7", "198.51.100.99"))
                .post("/api/v1/flows/post-login")
                .then()
                .statusCode(200)
                .extract()
                .path("continuation.token");
        RestAssured.replaceFiltersWith(List.of());
    }

    private static String pathOf(Operation op) {
        return op.resolve(name -> name.equals("triggerId") ? "post-login" : null);
    }

    private String bodyOf(Operation op) {
        return switch (op.path()) {
            case "/api/v1/flows/{triggerId}" -> LOGIN;
            case "/api/v1/flows/post-login/continue" ->
                "{\"continuation_token\":\"" + continuation + "\",\"event\":{\"user\":{\"user_id\":\"auth0|1\"}}}";
            case "/internal/v1/builds" ->
                "{\"trigger_id\":\"post-login\",\"code\":\"exports.onExecutePostLogin = async () => {};\"}";
            case "/internal/v1/test-runs" ->
                "{\"tenant_id\":\"default\",\"trigger_id\":\"post-login\",\"action_id\":\"a1\",\"action_name\":\"draft\","
                        + "\"code\":\"exports.onExecutePostLogin = async (event, api) => { api.accessToken.setCustomClaim('s', event.secrets.API_KEY); };\","
                        + "\"event\":{\"user\":{\"user_id\":\"auth0|1\"}}}";
            default -> op.method().equals("GET") ? null : "{}";
        };
    }

    private static String token(String tenant, List<String> scopes) {
        return TestTokens.forTenant(tenant, scopes.toArray(String[]::new));
    }

    @Test
    void everyOperationDeclaresTheScopeItRequires() {
        List<Operation> operations = AuthorizationMatrix.operations("/");
        assertThat(operations).hasSizeGreaterThanOrEqualTo(4);
        assertThat(operations)
                .allSatisfy(op ->
                        assertThat(op.scopes()).as(op.toString()).hasSize(1).containsAnyElementsOf(ALL));
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesWhatItMustAndAllowsWhatItNeeds() {
        List<Operation> operations = AuthorizationMatrix.operations("/");
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation op : operations) {
            for (BadToken bad : BadToken.values()) {
                tests.add(DynamicTest.dynamicTest(
                        op + " " + bad,
                        () -> AuthorizationMatrix.assertRefused(
                                op,
                                bad.name(),
                                AuthorizationMatrix.send(op, pathOf(op), bad.token(TENANT, ALL), bodyOf(op)),
                                401,
                                CLAIM_VALUE,
                                SECRET_VALUE)));
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
                            CLAIM_VALUE,
                            SECRET_VALUE)));
            tests.add(DynamicTest.dynamicTest(op + " other tenant", () -> {
                var response = AuthorizationMatrix.send(op, pathOf(op), token(OTHER, ALL), bodyOf(op));
                switch (op.path()) {
                    // B's login runs B's flows (none): nothing of A's action
                    case "/api/v1/flows/{triggerId}" -> {
                        AuthorizationMatrix.assertAllowed(op, response);
                        assertThat(response.jsonPath().getList("commands")).isEmpty();
                    }
                    // A's continuation token names A: refused as invalid, revealing nothing
                    case "/api/v1/flows/post-login/continue" ->
                        AuthorizationMatrix.assertRefused(op, "other tenant", response, 400, CLAIM_VALUE, SECRET_VALUE);
                    case "/internal/v1/test-runs" ->
                        AuthorizationMatrix.assertRefused(op, "other tenant", response, 404, CLAIM_VALUE, SECRET_VALUE);
                    // builds hold no tenant's data
                    case "/internal/v1/builds" -> AuthorizationMatrix.assertAllowed(op, response);
                    // operator endpoints (dead letters of every tenant) take no tenant-bound token
                    default ->
                        AuthorizationMatrix.assertRefused(
                                op, "tenant-bound token", response, 403, CLAIM_VALUE, SECRET_VALUE);
                }
                assertThat(response.asString()).doesNotContain(CLAIM_VALUE).doesNotContain(SECRET_VALUE);
            }));
        }
        for (Operation op : operations) {
            // the auth server's token names its tenant; the registry's identity and operators have none
            String allowed = op.path().startsWith("/api/v1/flows")
                    ? token(TENANT, op.scopes())
                    : TestTokens.forService("registry-or-operator", op.scopes().toArray(String[]::new));
            tests.add(DynamicTest.dynamicTest(
                    op + " allowed",
                    () -> AuthorizationMatrix.assertAllowed(
                            op, AuthorizationMatrix.send(op, pathOf(op), allowed, bodyOf(op)))));
        }
        return tests.stream();
    }

    @Test
    void aFlowDeployedForOneTenantRunsOnlyForThatTenantsToken() {
        given().header("Authorization", TestTokens.bearer(token(TENANT, List.of(Scopes.EXECUTE_FLOWS))))
                .contentType(ContentType.JSON)
                .body(LOGIN)
                .post("/api/v1/flows/post-login")
                .then()
                .statusCode(200)
                .body("effects.access_token.claims.'https://example.com/a'", Matchers.equalTo(CLAIM_VALUE));
        String other = given().header("Authorization", TestTokens.bearer(token(OTHER, List.of(Scopes.EXECUTE_FLOWS))))
                .contentType(ContentType.JSON)
                .body(LOGIN)
                .post("/api/v1/flows/post-login")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(other).doesNotContain(CLAIM_VALUE);
        // a token without a tenant (a service identity) runs no flows at all
        AuthorizationMatrix.assertRefused(
                new Operation("POST", "/api/v1/flows/post-login", List.of()),
                "service token",
                given().header("Authorization", TestTokens.bearer(TestTokens.forService("svc", Scopes.EXECUTE_FLOWS)))
                        .contentType(ContentType.JSON)
                        .body(LOGIN)
                        .post("/api/v1/flows/post-login"),
                403,
                CLAIM_VALUE);
        assertThat(Map.of()).isEmpty();
    }
}
