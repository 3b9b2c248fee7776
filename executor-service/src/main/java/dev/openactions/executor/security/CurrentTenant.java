package dev.openactions.executor.security;

import dev.openactions.executor.config.ExecutorConfig;
import jakarta.enterprise.context.RequestScoped;

/** The tenant a synchronous flow call runs for: the configured default until tokens carry it. */
@RequestScoped
public class CurrentTenant {
    private final String id;

    CurrentTenant(ExecutorConfig config) {
        this.id = config.defaultTenant();
    }

    public String id() {
        return id;
    }
}
