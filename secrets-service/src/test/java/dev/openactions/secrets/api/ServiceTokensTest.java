package dev.openactions.secrets.api;

import dev.openactions.testsupport.PostgresResource;
import dev.openactions.testsupport.contract.ServiceTokenContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The token refusals every service makes, against the secrets service's list of an owner's secrets. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "secrets"))
class ServiceTokensTest extends ServiceTokenContract {

    @Override
    protected String tenant() {
        return "tenant-a";
    }

    @Override
    protected String[] scopes() {
        return new String[] {"read:secrets"};
    }

    @Override
    protected Response call(RequestSpecification request) {
        return request.get("/internal/v1/tenants/tenant-a/owners/o1/secrets");
    }
}
