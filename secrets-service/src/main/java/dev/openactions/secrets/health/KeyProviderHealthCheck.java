package dev.openactions.secrets.health;

import dev.openactions.secrets.keys.KeyProvider;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the key backend cannot encrypt or decrypt. */
@Readiness
@ApplicationScoped
public class KeyProviderHealthCheck implements HealthCheck {
    private final KeyProvider keys;

    KeyProviderHealthCheck(KeyProvider keys) {
        this.keys = keys;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("key-provider").status(keys.isAvailable()).build();
    }
}
