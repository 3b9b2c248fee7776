package dev.openactions.registry;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/** Starts an {@link ExecutorStub} and points the registry's executor REST client at it. */
public class ExecutorStubResource implements QuarkusTestResourceLifecycleManager {
    private ExecutorStub stub;

    /** Marks an {@link ExecutorStub} field of a test to receive the running stub. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectExecutor {}

    @Override
    public Map<String, String> start() {
        stub = ExecutorStub.start();
        return Map.of("quarkus.rest-client.executor.url", stub.url());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                stub, new TestInjector.AnnotatedAndMatchesType(InjectExecutor.class, ExecutorStub.class));
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
