package dev.openactions.executor;

import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.contract.ServiceTokenContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The token refusals every service makes, against the executor's flow endpoint. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class ServiceTokensTest extends ServiceTokenContract {

    @Override
    protected String tenant() {
        return "default";
    }

    @Override
    protected String[] scopes() {
        return new String[] {"execute:flows"};
    }

    @Override
    protected Response call(RequestSpecification request) {
        return json(request, "{\"event\":{\"user\":{\"user_id\":\"auth0|1\"}}}").post("/api/v1/flows/post-login");
    }
}
