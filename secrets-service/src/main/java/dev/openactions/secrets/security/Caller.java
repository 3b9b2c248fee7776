package dev.openactions.secrets.security;

import dev.openactions.secrets.config.SecretsConfig;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.NotFoundException;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from the verified access token: its subject names the caller in the audit trail,
 * and a token that carries a tenant ({@code secrets.auth.tenant-claim}) reaches that tenant's
 * secrets only — any other tenant's answer 404, the same as secrets that do not exist. Service
 * identities (registry, executor) carry no tenant: they act for every tenant, within their scopes.
 */
@RequestScoped
public class Caller {
    /** Restricted to a safe alphabet so that a subject can neither forge log lines nor carry much. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@/|-]{0,127}");

    static final String UNKNOWN = "unknown";

    private final JsonWebToken token;
    private final String tenantClaim;

    Caller(JsonWebToken token, SecretsConfig config) {
        this.token = token;
        this.tenantClaim = config.auth().tenantClaim();
    }

    /** The caller's name for the audit trail. */
    public String name() {
        String subject = token.getSubject();
        return subject != null && SAFE.matcher(subject).matches() ? subject : UNKNOWN;
    }

    /** Operator endpoints act on every tenant's data: a token bound to one tenant may not use them. */
    public void requireOperator() {
        if (token.getClaim(tenantClaim) != null) {
            throw new ForbiddenException("operator endpoints take no tenant-bound token");
        }
    }

    /** Refuses, as "not found", a tenant the token is not for. */
    public void requireTenant(String tenantId) {
        Object claim = token.getClaim(tenantClaim);
        // TokenRules has refused a claim that is present but not a tenant id; this one is taken verbatim
        if (claim != null && !TenantIds.of(claim).map(tenantId::equals).orElse(false)) {
            throw new NotFoundException();
        }
    }
}
