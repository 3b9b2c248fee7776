package dev.openactions.executor;

import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.contract.MetricLabelsContract;
import dev.openactions.testsupport.contract.ProblemDetailsContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The executor's errors have the shape every service's have: a bad continue request names continuation_token. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class ProblemDetailsTest extends ProblemDetailsContract implements MetricLabelsContract {

    @Override
    protected Call readsJson() {
        return new Call("POST", "/api/v1/flows/post-login/continue");
    }

    @Override
    protected String invalidBody() {
        return "{\"continuation_token\":\"\",\"event\":{}}";
    }

    @Override
    protected String invalidField() {
        return "continuation_token";
    }

    @Override
    protected String wronglyTypedBody() {
        return "{\"continuation_token\":\"t\",\"event\":[1,2]}";
    }

    @Override
    protected String wronglyTypedField() {
        return "event";
    }

    @Override
    protected Call methodNotAllowed() {
        return new Call("GET", "/api/v1/flows/post-login");
    }

    @Override
    protected Call producesJson() {
        return new Call("GET", "/api/v1/admin/dead-letters");
    }

    @Override
    public String aRoute() {
        return "/api/v1/flows/post-login";
    }
}
