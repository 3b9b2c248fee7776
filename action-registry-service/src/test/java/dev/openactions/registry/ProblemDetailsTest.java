package dev.openactions.registry;

import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import dev.openactions.testsupport.PostgresResource;
import dev.openactions.testsupport.contract.MetricLabelsContract;
import dev.openactions.testsupport.contract.ProblemDetailsContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;

/** The registry's errors have the shape every service's have; its problems also carry Auth0's error fields. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "registry"))
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
@WithTestResource(ExecutorStubResource.class)
class ProblemDetailsTest extends ProblemDetailsContract implements MetricLabelsContract {

    @Override
    protected Call readsJson() {
        return new Call("POST", RegistryApi.ACTIONS);
    }

    @Override
    protected String invalidBody() {
        return "{\"name\":\"a\",\"supported_triggers\":[],\"code\":\"exports.onExecutePostLogin = async () => {};\"}";
    }

    @Override
    protected String invalidField() {
        return "supported_triggers";
    }

    @Override
    protected String wronglyTypedBody() {
        return "{\"name\":{\"x\":1},\"supported_triggers\":[{\"id\":\"post-login\"}],\"code\":\"c\"}";
    }

    @Override
    protected String wronglyTypedField() {
        return "name";
    }

    @Override
    protected Call methodNotAllowed() {
        return new Call("DELETE", RegistryApi.ACTIONS);
    }

    @Override
    protected Call producesJson() {
        return new Call("GET", RegistryApi.ACTIONS);
    }

    @Override
    protected Set<String> extraMembers() {
        return Set.of("statusCode", "error", "message", "errorCode");
    }

    @Override
    public String aRoute() {
        return RegistryApi.ACTIONS;
    }
}
