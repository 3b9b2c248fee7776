package dev.openactions.registry.security;

import dev.openactions.registry.config.RegistryConfig;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The tenant a request acts for, from the caller's verified access token (claim
 * {@code registry.auth.tenant-claim}). Every repository query takes it, so isolation is never an
 * afterthought: another tenant's action simply is not found (404). A token without a tenant (a
 * service identity) cannot use the tenant API at all.
 */
@RequestScoped
public class CurrentTenant {
    private final JsonWebToken token;
    private final String claim;

    CurrentTenant(JsonWebToken token, RegistryConfig config) {
        this.token = token;
        this.claim = config.auth().tenantClaim();
    }

    public String id() {
        // TokenRules has refused a token whose claim is present but not a tenant id (401)
        return TenantIds.of(token.getClaim(claim))
                .orElseThrow(() -> new ForbiddenException("the token names no tenant"));
    }
}
