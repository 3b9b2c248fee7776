package dev.openactions.registry.security;

import dev.openactions.registry.config.RegistryConfig;
import jakarta.enterprise.context.RequestScoped;

/**
 * The tenant a request acts for. Every repository query takes it, so isolation is never an
 * afterthought. Until token authentication lands it is the configured default tenant.
 */
@RequestScoped
public class CurrentTenant {
    private final String id;

    CurrentTenant(RegistryConfig config) {
        this.id = config.defaultTenant();
    }

    public String id() {
        return id;
    }
}
