package dev.openactions.registry.security;

import dev.openactions.registry.config.RegistryConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Rules a verified token must also meet, beyond signature, issuer, audience and expiry: a tenant
 * claim, when present, is a tenant id as written (no quotes stripped, no array or object
 * flattened); {@code iat} is not in the future beyond the clock skew; the token does not live
 * longer than {@code registry.auth.max-token-lifetime}. A token that breaks one is refused with 401
 * like any other invalid token; the reason is logged at debug level, never returned.
 */
@ApplicationScoped
public class TokenRules implements SecurityIdentityAugmentor {
    private static final Logger LOG = Logger.getLogger(TokenRules.class);

    private final String tenantClaim;
    private final Duration maxLifetime;
    private final Duration clockSkew;

    TokenRules(
            RegistryConfig config,
            @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") int clockSkewSeconds) {
        this.tenantClaim = config.auth().tenantClaim();
        this.maxLifetime = config.auth().maxTokenLifetime();
        this.clockSkew = Duration.ofSeconds(clockSkewSeconds);
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        String refusal = refusal(token, Instant.now());
        if (refusal != null) {
            LOG.debugf("Refused a bearer token: %s", refusal);
            return Uni.createFrom().failure(new AuthenticationFailedException(refusal));
        }
        return Uni.createFrom().item(identity);
    }

    String refusal(JsonWebToken token, Instant now) {
        Object tenant = token.getClaim(tenantClaim);
        if (tenant != null && TenantIds.of(tenant).isEmpty()) {
            return "the tenant claim is not a tenant id";
        }
        Instant issuedAt = Instant.ofEpochSecond(token.getIssuedAtTime());
        if (issuedAt.isAfter(now.plus(clockSkew))) {
            return "the token is issued in the future";
        }
        Instant expires = Instant.ofEpochSecond(token.getExpirationTime());
        if (Duration.between(issuedAt, expires).compareTo(maxLifetime) > 0) {
            return "the token lives longer than " + maxLifetime;
        }
        return null;
    }
}
