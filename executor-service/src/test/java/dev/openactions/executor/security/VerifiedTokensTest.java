package dev.openactions.executor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openactions.localstack.TokenMint;
import dev.openactions.testsupport.HostileTokens;
import dev.openactions.testsupport.TestTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache with SmallRye's real verifier, the test key pair and real tokens, and a clock
 * the test moves: what is served from the cache, and every way a cached token is still refused.
 */
class VerifiedTokensTest {
    private static final Duration MAX_TTL = Duration.ofSeconds(60);
    private static final int SKEW = 60;

    private final MovableClock clock = new MovableClock();
    private final AtomicInteger fullVerifications = new AtomicInteger();
    private final JWTAuthContextInfo context = AuthContexts.likeTheService(SKEW);
    private SimpleMeterRegistry metrics;
    private VerifiedTokens tokens;

    @BeforeEach
    void setUp() {
        tokens = cache(MAX_TTL);
    }

    /** A cache in front of SmallRye's own verifier, counting the verifications that reach it. */
    private VerifiedTokens cache(Duration maxTtl) {
        JWTCallerPrincipalFactory smallrye = new DefaultJWTCallerPrincipalFactory();
        JWTCallerPrincipalFactory counting = new JWTCallerPrincipalFactory() {
            @Override
            public JWTCallerPrincipal parse(String token, JWTAuthContextInfo info) throws ParseException {
                fullVerifications.incrementAndGet();
                return smallrye.parse(token, info);
            }
        };
        metrics = new SimpleMeterRegistry();
        return new VerifiedTokens(counting, clock, 100, maxTtl, metrics);
    }

    /** What application.properties and JwtResource configure: the test public key, issuer, audience, exp/iat, skew, scopes as groups. */
    private double count(String result) {
        return metrics.get("executor.token_cache.requests")
                .tag("result", result)
                .counter()
                .count();
    }

    @Test
    void verifiesATokensSignatureOnceAndServesItsNextUsesFromTheCache() throws ParseException {
        String token = TestTokens.forTenant("tenant-a", Scopes.EXECUTE_FLOWS);

        JWTCallerPrincipal first = tokens.verify(token, context);
        JWTCallerPrincipal second = tokens.verify(token, context);
        JWTCallerPrincipal third = tokens.verify(token, context);

        assertThat(fullVerifications).hasValue(1);
        assertThat(second).isSameAs(first).isSameAs(third);
        assertThat(first.getGroups()).containsExactly(Scopes.EXECUTE_FLOWS);
        assertThat(count("miss")).isEqualTo(1);
        assertThat(count("hit")).isEqualTo(2);
        assertThat(tokens.size()).isEqualTo(1);
    }

    @Test
    void refusesACachedTokenOnceItHasExpiredBeyondTheClockSkew() throws ParseException {
        tokens = cache(Duration.ofMinutes(10)); // entries outlive the token: only its exp ends them
        Instant expiry = Instant.now().plusSeconds(120);
        String token = TokenMint.local(TestTokens.keys())
                .mint("client-a@clients", "tenant-a", List.of(Scopes.EXECUTE_FLOWS), TokenMint.AUDIENCE, expiry);
        tokens.verify(token, context);

        // SmallRye's own rule (jose4j): accepted while now - skew is before exp
        clock.set(Instant.ofEpochSecond(expiry.getEpochSecond() + SKEW - 1));
        assertThat(tokens.verify(token, context)).isNotNull();
        assertThat(count("hit")).isEqualTo(1);

        clock.set(Instant.ofEpochSecond(expiry.getEpochSecond() + SKEW));
        assertThatThrownBy(() -> tokens.verify(token, context)).isInstanceOf(ParseException.class);

        assertThat(fullVerifications)
                .as("refused from the cache, not by a new verification")
                .hasValue(1);
        assertThat(count("expired")).isEqualTo(1);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void verifiesATokenAgainOnceItHasBeenCachedForTheMaxTtl() throws ParseException {
        String token = TestTokens.forTenant("tenant-a", Scopes.EXECUTE_FLOWS);
        tokens.verify(token, context);

        clock.advance(MAX_TTL.minusSeconds(1));
        tokens.verify(token, context);
        assertThat(fullVerifications).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        tokens.verify(token, context);
        assertThat(fullVerifications)
                .as("checked again against the keys trusted now")
                .hasValue(2);
    }

    @Test
    void refusesATamperedCopyOfACachedToken() throws ParseException {
        String token = TestTokens.forTenant("tenant-a", Scopes.EXECUTE_FLOWS);
        tokens.verify(token, context);
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String otherTenant = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(claims.replace("\"tenant-a\"", "\"tenant-b\"").getBytes(StandardCharsets.UTF_8));
        assertThat(otherTenant).isNotEqualTo(parts[1]);
        String otherClaims = parts[0] + "." + otherTenant + "." + parts[2];
        String otherSignature = parts[0] + "." + parts[1] + "." + flipLast(parts[2]);

        assertThatThrownBy(() -> tokens.verify(otherClaims, context)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.verify(otherSignature, context)).isInstanceOf(ParseException.class);
        assertThat(fullVerifications)
                .as("each altered token is verified in full")
                .hasValue(3);
        assertThat(tokens.verify(token, context).<String>getClaim(TokenMint.TENANT_CLAIM))
                .isEqualTo("tenant-a");
    }

    private static String flipLast(String segment) {
        char last = segment.charAt(segment.length() - 2);
        return segment.substring(0, segment.length() - 2)
                + (last == 'A' ? 'B' : 'A')
                + segment.charAt(segment.length() - 1);
    }

    @Test
    void neverCachesARefusal() {
        for (String refused : List.of(
                TestTokens.expired("tenant-a", Scopes.EXECUTE_FLOWS),
                TestTokens.badSignature("tenant-a", Scopes.EXECUTE_FLOWS),
                TestTokens.wrongAudience("tenant-a", Scopes.EXECUTE_FLOWS))) {
            assertThatThrownBy(() -> tokens.verify(refused, context)).isInstanceOf(ParseException.class);
            assertThatThrownBy(() -> tokens.verify(refused, context)).isInstanceOf(ParseException.class);
        }
        assertThat(fullVerifications).hasValue(6);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void servesAnEntryOnlyForTheVerificationSettingsItWasVerifiedWith() throws ParseException {
        String token = TestTokens.forTenant("tenant-a", Scopes.EXECUTE_FLOWS);
        tokens.verify(token, context);

        JWTAuthContextInfo otherIssuer = new JWTAuthContextInfo(context);
        otherIssuer.setIssuedBy("https://other-issuer.example.com/");

        assertThatThrownBy(() -> tokens.verify(token, otherIssuer)).isInstanceOf(ParseException.class);
        assertThat(fullVerifications).hasValue(2);
    }

    @Test
    void keepsTheRulesCheckedAfterVerificationOutOfTheCache() throws ParseException {
        // TokenRules' refusals are signed correctly: SmallRye accepts them, and they are cached; TokenRules,
        // which runs on every request, refuses them each time (HttpEdgeTest and TokenCacheHttpTest show it)
        String futureIat =
                HostileTokens.refused("tenant-a", Scopes.EXECUTE_FLOWS).get("iat an hour ahead");
        tokens.verify(futureIat, context);
        assertThat(tokens.verify(futureIat, context).getIssuedAtTime())
                .isGreaterThan(Instant.now().getEpochSecond() + 3000);
        assertThat(fullVerifications).hasValue(1);
    }

    /** A clock the test sets; starts at the real time so that SmallRye's own checks agree with it. */
    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void set(Instant instant) {
            now = instant;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
