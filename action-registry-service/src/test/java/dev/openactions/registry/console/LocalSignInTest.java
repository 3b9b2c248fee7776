package dev.openactions.registry.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.openactions.registry.ExecutorStubResource;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.PostgresResource;
import dev.openactions.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local stack's demo sign-in: a token for its one tenant, verified like any other, that sees that tenant only. */
@QuarkusTest
@TestProfile(LocalSignInTest.LocalStack.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
class LocalSignInTest {
    static final String DEMO = "demo-tenant";

    public static class LocalStack implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "console.local-sign-in.enabled",
                    "true",
                    "console.local-sign-in.tenant",
                    DEMO,
                    "console.local-sign-in.scopes",
                    "read:actions create:actions");
        }
    }

    @BeforeEach
    void anonymous() {
        RestAssured.replaceFiltersWith(List.of());
    }

    private static String signIn() {
        return given().post("/console/local-sign-in")
                .then()
                .statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .extract()
                .path("access_token");
    }

    @Test
    void theConsoleOffersTheLocalSignInForTheDemoTenant() {
        given().get("/console/config.json")
                .then()
                .statusCode(200)
                .body("sign_in", equalTo("local"))
                .body("local_tenant", equalTo(DEMO));
    }

    @Test
    void theTokenCarriesTheTenantClaimAndScopesTheApiChecks() {
        String token = signIn();
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims)
                .contains("\"https://openactions.dev/tenant\":\"" + DEMO + "\"")
                .contains("\"scope\":\"read:actions create:actions\"");
        given().header("Authorization", "Bearer " + token)
                .get("/api/v2/actions/actions")
                .then()
                .statusCode(200);
        // scopes it was not given stay refused
        given().header("Authorization", "Bearer " + token)
                .delete("/api/v2/actions/actions/" + UUID.randomUUID())
                .then()
                .statusCode(403);
    }

    @Test
    void theDemoTenantSeesOnlyItsOwnActions() {
        String other = given().header(
                        "Authorization", TestTokens.bearer(TestTokens.forTenant("someone-else", "create:actions")))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"not-yours-" + UUID.randomUUID()
                        + "\",\"supported_triggers\":[{\"id\":\"post-login\"}],"
                        + "\"code\":\"exports.onExecutePostLogin = async () => {};\"}")
                .post("/api/v2/actions/actions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String token = signIn();
        assertThat(given().header("Authorization", "Bearer " + token)
                        .get("/api/v2/actions/actions?per_page=100")
                        .asString())
                .doesNotContain(other);
        given().header("Authorization", "Bearer " + token)
                .get("/api/v2/actions/actions/" + other)
                .then()
                .statusCode(404);
    }
}
