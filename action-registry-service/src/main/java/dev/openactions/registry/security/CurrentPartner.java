package dev.openactions.registry.security;

import dev.openactions.registry.marketplace.MarketplaceConfig;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The marketplace partner a request acts for, from the verified token's partner claim
 * ({@code registry.marketplace.partner-claim}), alongside the tenant claim (ADR 16). Every partner
 * query takes it: another partner's integration is simply not found (404). A token without the claim
 * (a customer tenant, a reviewer) cannot use the partner API.
 */
@RequestScoped
public class CurrentPartner {
    private final JsonWebToken token;
    private final String claim;

    CurrentPartner(JsonWebToken token, MarketplaceConfig config) {
        this.token = token;
        this.claim = config.partnerClaim();
    }

    public String id() {
        Object value = token.getClaim(claim);
        String partner = value == null ? null : value.toString().replace("\"", "");
        if (partner == null || !TenantIds.isValid(partner)) {
            throw new ForbiddenException("the token names no partner");
        }
        return partner;
    }

    /** Who made a review decision: the token's subject. */
    public String subject() {
        return token.getSubject() == null ? "unknown" : token.getSubject();
    }
}
