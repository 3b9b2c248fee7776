package dev.openactions.secrets.health;

import dev.openactions.secrets.keys.KeyProviderProbe;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the key backend cannot encrypt or decrypt. */
@Readiness
@ApplicationScoped
public class KeyProviderHealthCheck implements HealthCheck {
    private final KeyProviderProbe probe;

    KeyProviderHealthCheck(KeyProviderProbe probe) {
        this.probe = probe;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("key-provider")
                .status(probe.available())
                .build();
    }
}
