package dev.openactions.executor.security;

import dev.openactions.executor.config.ExecutorConfig;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The tenant a synchronous flow call runs for, from the auth server's verified access token (claim
 * {@code executor.auth.tenant-claim}): a token for tenant B never runs tenant A's flows. A token
 * without a tenant cannot run flows at all.
 */
@RequestScoped
public class CurrentTenant {
    private final JsonWebToken token;
    private final String claim;

    CurrentTenant(JsonWebToken token, ExecutorConfig config) {
        this.token = token;
        this.claim = config.auth().tenantClaim();
    }

    public String id() {
        return optional().orElseThrow(() -> new ForbiddenException("the token names no tenant"));
    }

    /** Operator endpoints act on every tenant's data: a token bound to one tenant may not use them. */
    public void requireNone() {
        if (optional().isPresent()) {
            throw new ForbiddenException("operator endpoints take no tenant-bound token");
        }
    }

    /**
     * The token's tenant, if it names one (service identities do not), taken verbatim; TokenRules has
     * already refused a token whose claim is present but not a tenant id.
     */
    public Optional<String> optional() {
        return TenantIds.of(token.getClaim(claim));
    }
}
