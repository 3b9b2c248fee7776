package dev.openactions.executor.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtContext;

/**
 * SmallRye's {@code DefaultJWTCallerPrincipalFactory}, step for step (its {@link DefaultJWTTokenParser}
 * checks the signature, issuer, audience, lifetime and required claims), with one difference in the
 * principal it returns: reading a custom claim such as the tenant does not throw.
 *
 * <p>SmallRye's principal finds a claim's type with {@code Claims.valueOf(name)} and catches the
 * {@code IllegalArgumentException} for every name that is not a standard claim. The executor reads
 * its tenant claim twice per request (token rules, current tenant), so every flow paid for two
 * exceptions with a full stack trace of the HTTP stack (97 % of the exception events JFR kept in a
 * benchmark run, BENCHMARKS.md). The type of a claim is looked up in a map instead; the values are
 * the same.
 */
final class ClaimsPrincipalFactory extends JWTCallerPrincipalFactory {
    private final DefaultJWTTokenParser parser = new DefaultJWTTokenParser();

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        JwtContext verified = parser.parse(token, authContextInfo);
        String type = verified.getJoseObjects().get(0).getHeader("typ");
        return new Principal(type, verified.getJwtClaims());
    }

    /** SmallRye's principal with an exception-free claim type lookup. */
    static final class Principal extends DefaultJWTCallerPrincipal {
        private static final Map<String, Claims> STANDARD_CLAIMS =
                Arrays.stream(Claims.values()).collect(Collectors.toUnmodifiableMap(Claims::name, Function.identity()));

        Principal(String tokenType, JwtClaims claims) {
            super(tokenType, claims);
        }

        @Override
        protected Claims getClaimType(String claimName) {
            return STANDARD_CLAIMS.getOrDefault(claimName, Claims.UNKNOWN);
        }
    }
}
