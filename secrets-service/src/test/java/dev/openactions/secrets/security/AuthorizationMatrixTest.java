package dev.openactions.secrets.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.testsupport.AuthorizationMatrix;
import dev.openactions.testsupport.AuthorizationMatrix.BadToken;
import dev.openactions.testsupport.AuthorizationMatrix.Operation;
import dev.openactions.testsupport.PostgresResource;
import dev.openactions.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every operation of the secrets service, read from its OpenAPI document, against each way a token
 * can be wrong (401), a token without the operation's scope (403), a token of another tenant (404),
 * and the token it needs (allowed).
 * Runs under its own profile (own key file) because the positive cases rotate the key.
 */
@QuarkusTest
@TestProfile(AuthorizationMatrixTest.Profile.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "secrets"))
class AuthorizationMatrixTest {
    private static final List<String> ALL_SCOPES = List.of(
            Scopes.READ_SECRETS, Scopes.WRITE_SECRETS, Scopes.DECRYPT_SECRETS, Scopes.READ_AUDIT, Scopes.ADMIN_KEYS);
    private static final String TENANT = "tenant-a";
    private static final String OTHER = "tenant-b";
    private static final String OWNER = "action-a";
    private static final String VALUE = "planted-value-" + UUID.randomUUID();

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("secrets.local.key-file", "target/test-matrix-kek");
        }
    }

    @BeforeEach
    void noDefaultToken() {
        RestAssured.replaceFiltersWith(List.of());
    }

    private static String serviceToken(List<String> scopes) {
        return TestTokens.forService("matrix-test", scopes.toArray(String[]::new));
    }

    private static void seed() {
        given().header("Authorization", TestTokens.bearer(serviceToken(ALL_SCOPES)))
                .contentType(ContentType.JSON)
                .body("{\"secrets\":[{\"name\":\"API_KEY\",\"value\":\"" + VALUE + "\"}]}")
                .put("/internal/v1/tenants/" + TENANT + "/owners/" + OWNER + "/secrets")
                .then()
                .statusCode(200);
    }

    private static String pathOf(Operation op) {
        return op.resolve(name -> switch (name) {
            case "tenantId" -> TENANT;
            case "ownerId" -> OWNER;
            case "name" -> "API_KEY";
            case "id" -> UUID.randomUUID().toString();
            default -> null;
        });
    }

    private static String bodyOf(Operation op) {
        if (op.path().endsWith("/secrets") && op.method().equals("PUT")) {
            return "{\"secrets\":[{\"name\":\"API_KEY\"}]}";
        }
        if (op.path().endsWith("/{name}") && op.method().equals("PUT")) {
            return "{\"value\":\"" + VALUE + "\"}";
        }
        return op.method().equals("GET") || op.method().equals("DELETE") ? null : "{}";
    }

    @Test
    void everyOperationDeclaresTheScopeItRequires() {
        List<Operation> operations = AuthorizationMatrix.operations("/internal/");
        assertThat(operations).hasSizeGreaterThanOrEqualTo(10);
        assertThat(operations)
                .allSatisfy(op -> assertThat(op.scopes()).as(op.toString()).isNotEmpty());
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesWhatItMustAndAllowsWhatItNeeds() {
        seed();
        List<Operation> operations = AuthorizationMatrix.operations("/internal/");
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation op : operations) {
            for (BadToken bad : BadToken.values()) {
                tests.add(DynamicTest.dynamicTest(
                        op + " " + bad,
                        () -> AuthorizationMatrix.assertRefused(
                                op,
                                bad.name(),
                                AuthorizationMatrix.send(op, pathOf(op), bad.token(null, ALL_SCOPES), bodyOf(op)),
                                401,
                                VALUE)));
            }
            List<String> others =
                    ALL_SCOPES.stream().filter(s -> !op.scopes().contains(s)).toList();
            tests.add(DynamicTest.dynamicTest(
                    op + " missing scope",
                    () -> AuthorizationMatrix.assertRefused(
                            op,
                            "missing scope",
                            AuthorizationMatrix.send(op, pathOf(op), serviceToken(others), bodyOf(op)),
                            403,
                            VALUE)));
            if (op.path().contains("{tenantId}")) {
                tests.add(DynamicTest.dynamicTest(
                        op + " other tenant",
                        () -> AuthorizationMatrix.assertRefused(
                                op,
                                "other tenant",
                                AuthorizationMatrix.send(
                                        op,
                                        pathOf(op),
                                        TestTokens.forTenant(OTHER, ALL_SCOPES.toArray(String[]::new)),
                                        bodyOf(op)),
                                404,
                                VALUE)));
            } else {
                // operator endpoints act on every tenant's values: a tenant-bound token is refused whatever its scopes
                tests.add(DynamicTest.dynamicTest(
                        op + " tenant-bound token",
                        () -> AuthorizationMatrix.assertRefused(
                                op,
                                "tenant token",
                                AuthorizationMatrix.send(
                                        op,
                                        pathOf(op),
                                        TestTokens.forTenant(TENANT, ALL_SCOPES.toArray(String[]::new)),
                                        bodyOf(op)),
                                403,
                                VALUE)));
            }
        }
        // the positive cases last, deletions at the very end, so that every refusal above met an existing resource
        operations.stream()
                .sorted(Comparator.comparing((Operation op) -> op.method().equals("DELETE")))
                .forEach(op -> tests.add(DynamicTest.dynamicTest(
                        op + " allowed",
                        () -> AuthorizationMatrix.assertAllowed(
                                op, AuthorizationMatrix.send(op, pathOf(op), serviceToken(op.scopes()), bodyOf(op))))));
        return tests.stream();
    }

    @Test
    void aTenantTokenReachesItsOwnSecretNamesOnly() {
        seed();
        String names = "/internal/v1/tenants/" + TENANT + "/owners/" + OWNER + "/secrets";
        given().header("Authorization", TestTokens.bearer(TestTokens.forTenant(TENANT, Scopes.READ_SECRETS)))
                .get(names)
                .then()
                .statusCode(200)
                .extract()
                .path("secrets.name")
                .equals(List.of("API_KEY"));
        AuthorizationMatrix.assertRefused(
                new Operation("GET", names, List.of()),
                "tenant B's token",
                given().header("Authorization", TestTokens.bearer(TestTokens.forTenant(OTHER, Scopes.READ_SECRETS)))
                        .get(names),
                404,
                "API_KEY");
        // the registry's identity may write but never read values back
        AuthorizationMatrix.assertRefused(
                new Operation("POST", names + "/decrypt", List.of()),
                "registry identity",
                given().header(
                                "Authorization",
                                TestTokens.bearer(TestTokens.forService(
                                        "action-registry-service", Scopes.READ_SECRETS, Scopes.WRITE_SECRETS)))
                        .post(names + "/decrypt"),
                403,
                VALUE);
    }
}
