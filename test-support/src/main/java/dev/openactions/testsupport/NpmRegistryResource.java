package dev.openactions.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * Starts an {@link NpmRegistryServer} with the real published tarballs of {@code npm/} already
 * published, and points the application at it (init arg {@code property}, default
 * {@code registry.npm.url}). Tests get the server with {@code @InjectNpmRegistry NpmRegistryServer npm;}.
 */
public class NpmRegistryResource implements QuarkusTestResourceLifecycleManager {
    private NpmRegistryServer server;
    private String property = "registry.npm.url";

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectNpmRegistry {}

    @Override
    public void init(Map<String, String> initArgs) {
        property = initArgs.getOrDefault("property", property);
    }

    @Override
    public Map<String, String> start() {
        server = NpmRegistryServer.start();
        server.publishRealPackages();
        return Map.of(property, server.url());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                server, new TestInjector.AnnotatedAndMatchesType(InjectNpmRegistry.class, NpmRegistryServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
