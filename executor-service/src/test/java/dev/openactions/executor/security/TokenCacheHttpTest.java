package dev.openactions.executor.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.testsupport.HostileTokens;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache in the running service: a token's second request is served from the cache
 * (executor_token_cache_requests_total), and what a cached token may do is decided per request as before
 * (a tampered copy is refused, scopes per endpoint, TokenRules). Same test resources as the flow tests, so
 * Quarkus is not restarted for this class.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class TokenCacheHttpTest {
    private static final String PROBLEM = "application/problem+json";
    /** Authenticated and authorized, then 404 from the resource: no flow runs, only the token is checked. */
    private static final String UNKNOWN_TRIGGER = "/api/v1/flows/no-such-trigger";

    private static final String BODY = "{\"event\":{\"user\":{\"user_id\":\"auth0|1\"}}}";

    @BeforeEach
    void withoutDefaultToken() {
        RestAssured.replaceFiltersWith(List.of());
    }

    private static int post(String token) {
        return given().header("Authorization", TestTokens.bearer(token))
                .contentType(ContentType.JSON)
                .body(BODY)
                .post(UNKNOWN_TRIGGER)
                .then()
                .contentType(PROBLEM)
                .extract()
                .statusCode();
    }

    private static double cacheRequests(String result) {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile(
                        "(?m)^executor_token_cache_requests_total\\{[^}]*result=\"" + result + "\"[^}]*} (\\S+)$")
                .matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    @Test
    void servesATokensSecondRequestFromTheCache() {
        String token = TestTokens.forTenant("tenant-a", Scopes.EXECUTE_FLOWS);
        double hits = cacheRequests("hit");
        double misses = cacheRequests("miss");

        assertThat(post(token)).isEqualTo(404);
        assertThat(cacheRequests("miss")).isEqualTo(misses + 1);
        assertThat(cacheRequests("hit")).isEqualTo(hits);

        assertThat(post(token)).isEqualTo(404);
        assertThat(post(token)).isEqualTo(404);
        assertThat(cacheRequests("hit")).isEqualTo(hits + 2);
        assertThat(cacheRequests("miss")).isEqualTo(misses + 1);
    }

    @Test
    void refusesATamperedCopyOfACachedToken() {
        String token = TestTokens.forTenant("tenant-a", Scopes.EXECUTE_FLOWS);
        assertThat(post(token)).isEqualTo(404);
        String[] parts = token.split("\\.");
        String otherSignature = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        String otherClaims = parts[0] + "."
                + TestTokens.forTenant("tenant-b", Scopes.EXECUTE_FLOWS).split("\\.")[1] + "." + parts[2];

        assertThat(post(otherSignature)).isEqualTo(401);
        assertThat(post(otherClaims)).isEqualTo(401);
        assertThat(post(token)).isEqualTo(404);
    }

    @Test
    void checksTheEndpointsScopeOnEveryRequestOfACachedToken() {
        String token = TestTokens.forTenant("tenant-a", Scopes.BUILD_ACTIONS);
        double hits = cacheRequests("hit");

        assertThat(post(token)).isEqualTo(403);
        assertThat(post(token)).isEqualTo(403);
        assertThat(cacheRequests("hit")).isEqualTo(hits + 1);
    }

    @Test
    void appliesTheTokenRulesOnEveryRequestOfACachedToken() {
        for (String token :
                HostileTokens.refused("tenant-a", Scopes.EXECUTE_FLOWS).values()) {
            assertThat(post(token)).isEqualTo(401);
            assertThat(post(token)).isEqualTo(401);
        }
    }
}
