package dev.openactions.registry;

import static io.restassured.RestAssured.given;

import dev.openactions.testsupport.HostileTokens;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.PostgresResource;
import dev.openactions.testsupport.TestTokens;
import dev.openactions.testsupport.contract.ServiceTokenContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * Signed tokens that still break a rule (tenant claim taken verbatim, iat, lifetime) are refused with
 * 401: the contract every service runs, against the registry's actions list.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
class TokenRulesTest extends ServiceTokenContract {

    @Override
    protected String tenant() {
        return "default";
    }

    @Override
    protected String[] scopes() {
        return new String[] {"read:actions"};
    }

    @Override
    protected Response call(RequestSpecification request) {
        return request.get(RegistryApi.ACTIONS);
    }

    @Test
    void acceptsTokensAtTheLimits() {
        given().header("Authorization", TestTokens.bearer(HostileTokens.acceptedAtTheLimits("default", "read:actions")))
                .get(RegistryApi.ACTIONS)
                .then()
                .statusCode(200);
    }
}
