package dev.openactions.executor.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Clock;
import java.time.Duration;

/**
 * Bearer tokens whose signature, issuer, audience and expiry were verified, kept by their
 * {@link TokenHash} so that a token is verified once rather than on every request (BENCHMARKS.md: the service around the engine is what a login costs).
 * <p>
 * A cached token is served until {@code min(exp + clock skew, verified + max TTL)} and each hit checks
 * that again with the clock, so an expired token is refused even while it is cached. Only tokens that
 * passed full verification enter, never refusals (a flood of bad tokens cannot fill the cache), and an
 * entry is only served for the same {@link JWTAuthContextInfo} it was verified with (a token verified
 * for the bearer check is not reused for a parse with other keys or issuers). Rules outside the
 * signature check ({@link TokenRules}: tenant claim, future {@code iat}, lifetime; the endpoint's
 * scopes) are not cached: they run on every request as before.
 * <p>
 * Key rotation: a token signed by a key the authorization server has since withdrawn keeps being
 * accepted until its entry's max TTL (default 60 s). SmallRye refreshes a remote JWKS on its own
 * schedule ({@code smallrye.jwt.jwks.refresh-interval}, 60 minutes by default), so the cache adds at
 * most a minute to a window that already exists.
 * <p>
 * Caffeine (through quarkus-caffeine) rather than a hand-written LRU: concurrent reads without a
 * global lock, size-bounded eviction that keeps the frequently used tokens (W-TinyLFU) and timed expiry
 * maintained in amortized O(1), all tested far beyond what a few lines here would be.
 */
final class VerifiedTokens {
    private record Verified(
            JWTCallerPrincipal principal, JWTAuthContextInfo context, long expiresAtSecond, long verifiedAtMillis) {}

    private final JWTCallerPrincipalFactory verifier;
    private final Clock clock;
    private final long maxTtlMillis;
    private final Cache<TokenHash, Verified> cache;
    private final Counter hits;
    private final Counter misses;
    private final Counter expired;

    VerifiedTokens(
            JWTCallerPrincipalFactory verifier, Clock clock, int maxEntries, Duration maxTtl, MeterRegistry metrics) {
        this.verifier = verifier;
        this.clock = clock;
        this.maxTtlMillis = maxTtl.toMillis();
        // expireAfterWrite frees memory on Caffeine's own (monotonic) ticker; each hit also checks the clock
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(maxTtl)
                .build();
        String name = "executor.token_cache.requests";
        String description = "Bearer tokens looked up in the verified-token cache, by outcome";
        this.hits = Counter.builder(name)
                .description(description)
                .tag("result", "hit")
                .register(metrics);
        this.misses = Counter.builder(name)
                .description(description)
                .tag("result", "miss")
                .register(metrics);
        this.expired = Counter.builder(name)
                .description(description)
                .tag("result", "expired")
                .register(metrics);
        Gauge.builder("executor.token_cache.entries", cache, Cache::estimatedSize)
                .description("Verified bearer tokens held in the cache")
                .register(metrics);
    }

    /** The verified principal of this token: from the cache while it is valid, otherwise by full verification. */
    JWTCallerPrincipal verify(String token, JWTAuthContextInfo context) throws ParseException {
        TokenHash key = TokenHash.of(token);
        Verified cached = cache.getIfPresent(key);
        if (cached != null && cached.context() == context) {
            if (isExpired(cached, context)) {
                cache.invalidate(key);
                expired.increment();
                throw new ParseException("the token has expired");
            }
            if (clock.millis() - cached.verifiedAtMillis() < maxTtlMillis) {
                hits.increment();
                return cached.principal();
            }
            // verified too long ago: the signature is checked again below, against the keys trusted now
        }
        misses.increment();
        JWTCallerPrincipal principal = verifier.parse(token, context);
        cache.put(key, new Verified(principal, context, principal.getExpirationTime(), clock.millis()));
        return principal;
    }

    /**
     * The time checks SmallRye makes at verification, made again at a hit: {@code exp} with the allowed
     * skew (jose4j: refused once {@code now - skew >= exp}) and, when configured, the token's age.
     */
    private boolean isExpired(Verified cached, JWTAuthContextInfo context) {
        long now = clock.millis() / 1000;
        int skew = context.getExpGracePeriodSecs() > 0
                ? context.getExpGracePeriodSecs()
                : Math.max(0, context.getClockSkew());
        if (now - skew >= cached.expiresAtSecond()) {
            return true;
        }
        Long maxAge = context.getTokenAge();
        return maxAge != null && now - cached.principal().getIssuedAtTime() > maxAge;
    }

    /** Entries held now, for tests. */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
