package dev.openactions.executor.security;

import dev.openactions.localstack.TokenMint;
import dev.openactions.testsupport.TestTokens;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.util.Set;

/** The verification settings the service gives SmallRye (application.properties), for tests outside Quarkus. */
final class AuthContexts {
    private AuthContexts() {}

    /** The test key pair, the local issuer and audience, RS256, exp and iat required, scopes as groups. */
    static JWTAuthContextInfo likeTheService(int clockSkewSeconds) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyLocation(TestTokens.keys().publicKey().toUri().toString());
        info.setIssuedBy(TokenMint.LOCAL_ISSUER);
        info.setExpectedAudience(Set.of(TokenMint.AUDIENCE));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setRequiredClaims(Set.of("exp", "iat"));
        info.setClockSkew(clockSkewSeconds);
        info.setGroupsPath("scope");
        return info;
    }
}
