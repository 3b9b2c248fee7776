package dev.openactions.registry.console;

import dev.openactions.registry.config.RegistryConfig;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Mints the local demo sign-in's access token: the same issuer, audience, tenant claim and scopes a
 * production identity provider's token carries, signed with the key the local stack gives the
 * registry ({@code smallrye.jwt.sign.key.location}) and verified like any other token.
 */
@ApplicationScoped
public class LocalSignIn {
    private final ConsoleConfig.LocalSignIn config;
    private final String tenantClaim;
    private final String issuer;
    private final String audience;

    LocalSignIn(
            ConsoleConfig config,
            RegistryConfig registry,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") String audiences) {
        this.config = config.localSignIn();
        this.tenantClaim = registry.auth().tenantClaim();
        this.issuer = issuer;
        this.audience = audiences.split(",")[0].strip();
    }

    public boolean enabled() {
        return config.enabled();
    }

    public TokenResponse signIn() {
        String token = Jwt.issuer(issuer)
                .subject("console|" + config.tenant())
                .audience(audience)
                .claim(tenantClaim, config.tenant())
                .claim("scope", config.scopes())
                .expiresIn(config.ttl())
                .sign();
        return new TokenResponse(token, "Bearer", config.ttl().toSeconds());
    }

    /** OAuth2's token response shape. */
    public record TokenResponse(String accessToken, String tokenType, long expiresIn) {
        @Override
        public String toString() {
            return "TokenResponse[***]";
        }
    }
}
