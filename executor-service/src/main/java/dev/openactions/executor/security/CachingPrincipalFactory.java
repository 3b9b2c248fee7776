package dev.openactions.executor.security;

import dev.openactions.executor.config.ExecutorConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;

/**
 * Where the executor's bearer tokens are verified: quarkus-smallrye-jwt's {@code MpJwtValidator} hands
 * each token to {@code DefaultJWTParser}, which asks the CDI bean of this type to parse it. This
 * alternative replaces SmallRye's producer and puts {@link VerifiedTokens} in front of SmallRye's own
 * verification ({@link ClaimsPrincipalFactory}: signature, issuer, audience, exp, required claims), so a token's RS256 signature is checked
 * once per token instead of once per request ({@code executor.auth.token-cache.*}).
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class CachingPrincipalFactory extends JWTCallerPrincipalFactory {
    private final JWTCallerPrincipalFactory verifier;
    private final VerifiedTokens cache;
    private final WarmupTokens warmup;

    CachingPrincipalFactory(ExecutorConfig config, MeterRegistry metrics, WarmupTokens warmup) {
        this.verifier = new ClaimsPrincipalFactory();
        this.warmup = warmup;
        ExecutorConfig.Auth.TokenCache settings = config.auth().tokenCache();
        this.cache = settings.enabled()
                ? new VerifiedTokens(verifier, Clock.systemUTC(), settings.maxEntries(), settings.maxTtl(), metrics)
                : null;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authServer) throws ParseException {
        // the startup warm-up's own token, while it runs; every other token against the auth server's keys
        JWTAuthContextInfo context = warmup.contextFor(token, authServer);
        return cache == null ? verifier.parse(token, context) : cache.verify(token, context);
    }
}
