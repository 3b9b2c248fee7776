package dev.openactions.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.openactions.testsupport.HostileTokens;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.PostgresResource;
import dev.openactions.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signed tokens that still break a rule (tenant claim taken verbatim, iat, lifetime) are refused with 401. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(KafkaResource.class)
@WithTestResource(value = HttpSinkResource.class, initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
class TokenRulesTest {
    @BeforeEach
    void noDefaultToken() {
        RestAssured.replaceFiltersWith(List.of());
    }

    @Test
    void refusesTokensThatBreakARuleWith401() {
        for (Map.Entry<String, String> token : HostileTokens.refused("default", "read:actions").entrySet()) {
            try {
                given().header("Authorization", TestTokens.bearer(token.getValue())).get(RegistryApi.ACTIONS)
                        .then().statusCode(401).contentType("application/problem+json")
                        .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                        .body("status", equalTo(401));
            } catch (AssertionError e) {
                throw new AssertionError("token with " + token.getKey() + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void acceptsTokensAtTheLimits() {
        given().header("Authorization", TestTokens.bearer(HostileTokens.acceptedAtTheLimits("default", "read:actions")))
                .get(RegistryApi.ACTIONS).then().statusCode(200);
    }
}
