package dev.openactions.secrets.api;

import dev.openactions.testsupport.PostgresResource;
import dev.openactions.testsupport.contract.MetricLabelsContract;
import dev.openactions.testsupport.contract.ProblemDetailsContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The secrets service's errors have the shape every service's have. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "secrets"))
class ProblemDetailsTest extends ProblemDetailsContract implements MetricLabelsContract {
    private static final String SECRETS = "/internal/v1/tenants/tenant-a/owners/problem-details/secrets";

    @Override
    protected Call readsJson() {
        return new Call("PUT", SECRETS);
    }

    @Override
    protected String invalidBody() {
        return "{\"secrets\":[{\"name\":\"1-not-a-name\",\"value\":\"v\"}]}";
    }

    @Override
    protected String invalidField() {
        return "secrets[0].name";
    }

    @Override
    protected String wronglyTypedBody() {
        return "{\"secrets\":{\"name\":\"A\"}}";
    }

    @Override
    protected String wronglyTypedField() {
        return "secrets";
    }

    @Override
    protected Call methodNotAllowed() {
        return new Call("PATCH", SECRETS);
    }

    @Override
    protected Call producesJson() {
        return new Call("GET", SECRETS);
    }

    @Override
    public String aRoute() {
        return SECRETS;
    }
}
