package dev.openactions.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.registry.security.Scopes;
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
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Management API rate limits per tenant, with Auth0's headers on every response and 429 when spent. */
@QuarkusTest
@TestProfile(RateLimitTest.SmallBucket.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
class RateLimitTest {
    private static final int BURST = 5;

    /** Five requests at once, one more per 10 s: the test exhausts the bucket long before it refills. */
    public static class SmallBucket implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "registry.rate-limit.burst",
                    String.valueOf(BURST),
                    "registry.rate-limit.requests-per-second",
                    "0.1");
        }
    }

    private static Response list(String tenant) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.forTenant(tenant, Scopes.READ_ACTIONS)))
                .get(RegistryApi.ACTIONS);
    }

    @Test
    void everyResponseCarriesTheTenantsBudgetAndAnExhaustedTenantGets429() {
        RestAssured.replaceFiltersWith(List.of()); // no default token in this test
        long before = Instant.now().getEpochSecond();
        for (int i = 0; i < BURST; i++) {
            Response ok = list("limited");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.header("X-RateLimit-Limit")).isEqualTo(String.valueOf(BURST));
            assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(String.valueOf(BURST - 1 - i));
            assertThat(Long.parseLong(ok.header("X-RateLimit-Reset"))).isGreaterThan(before);
        }
        Response refused = list("limited");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(refused.header("X-RateLimit-Reset"))).isGreaterThan(before);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refused.jsonPath().getInt("status")).isEqualTo(429);

        // errors count and carry the headers too; another tenant has its own budget
        Response other = list("unlimited-neighbour");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.header("X-RateLimit-Remaining")).isEqualTo(String.valueOf(BURST - 1));
        Response missing = given().header(
                        "Authorization", TestTokens.bearer(TestTokens.forTenant("another", Scopes.READ_ACTIONS)))
                .get(RegistryApi.ACTIONS + "/" + UUID.randomUUID());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.header("X-RateLimit-Limit")).isEqualTo(String.valueOf(BURST));
        // unauthenticated requests are refused before they spend anyone's budget
        assertThat(given().get(RegistryApi.ACTIONS).statusCode()).isEqualTo(401);
    }
}
