package dev.openactions.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.UUID;

/**
 * Starts a {@link VaultTransitServer} and points quarkus-vault at it. Tests reach the server through
 * {@link #inject(TestInjector)} with {@code @InjectVault}.
 */
public class VaultTransitResource implements QuarkusTestResourceLifecycleManager {
    private VaultTransitServer server;

    /** Marks a {@link VaultTransitServer} field of a test to receive the running server. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectVault {}

    @Override
    public Map<String, String> start() {
        String token = "test-" + UUID.randomUUID();
        server = VaultTransitServer.start(token);
        return Map.of(
                "quarkus.vault.url",
                server.url(),
                "quarkus.vault.authentication.client-token",
                token,
                "secrets.key-provider",
                "vault-transit");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                server, new TestInjector.AnnotatedAndMatchesType(InjectVault.class, VaultTransitServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
