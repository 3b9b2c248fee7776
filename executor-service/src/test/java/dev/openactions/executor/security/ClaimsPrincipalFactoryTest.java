package dev.openactions.executor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openactions.localstack.TokenMint;
import dev.openactions.testsupport.TestTokens;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.microprofile.jwt.Claims;
import org.junit.jupiter.api.Test;

/** The executor's token verification gives the same principal as SmallRye's own factory, claim for claim. */
class ClaimsPrincipalFactoryTest {
    private final JWTAuthContextInfo context = AuthContexts.likeTheService(60);
    private final ClaimsPrincipalFactory factory = new ClaimsPrincipalFactory();
    private final DefaultJWTCallerPrincipalFactory smallrye = new DefaultJWTCallerPrincipalFactory();

    @Test
    void everyClaimReadsAsWithSmallRyesPrincipal() throws ParseException {
        String token = TestTokens.forTenant("tenant-a", Scopes.EXECUTE_FLOWS);

        JWTCallerPrincipal ours = factory.parse(token, context);
        JWTCallerPrincipal theirs = smallrye.parse(token, context);

        assertThat(ours.getClaimNames())
                .isEqualTo(theirs.getClaimNames())
                .contains(TokenMint.TENANT_CLAIM, "scope", "iss");
        for (String name : theirs.getClaimNames()) {
            assertThat(String.valueOf((Object) ours.getClaim(name))).as(name).isEqualTo(String.valueOf((Object)
                    theirs.getClaim(name)));
        }
        assertThat((Object) ours.getClaim(TokenMint.TENANT_CLAIM)).hasToString("tenant-a");
        assertThat(ours.getGroups()).isEqualTo(theirs.getGroups()).contains(Scopes.EXECUTE_FLOWS);
        assertThat(ours.getName()).isEqualTo(theirs.getName());
        assertThat(ours.getExpirationTime()).isEqualTo(theirs.getExpirationTime());
        assertThat(ours.getRawToken()).isEqualTo(token);
        assertThat((Object) ours.getClaim(Claims.iss)).isEqualTo(TokenMint.LOCAL_ISSUER);
        assertThat((Object) ours.getClaim("no-such-claim")).isNull();
    }

    @Test
    void refusesWhatSmallRyeRefuses() {
        String token = TestTokens.forTenant("tenant-a", Scopes.EXECUTE_FLOWS);
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                claims.replace("\"tenant-a\"", "\"tenant-b\"").getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        assertThatThrownBy(() -> smallrye.parse(forged, context)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> factory.parse(forged, context)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> factory.parse("not-a-token", context)).isInstanceOf(ParseException.class);
    }
}
