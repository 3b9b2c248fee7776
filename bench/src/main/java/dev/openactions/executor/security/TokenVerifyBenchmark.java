package dev.openactions.executor.security;

import dev.openactions.localstack.SigningKeys;
import dev.openactions.localstack.TokenMint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A bearer token's check as the executor makes it per request (the first lever of BENCHMARKS.md's hot path): SmallRye's full
 * verification (RS256 signature, issuer, audience, exp, claims parsed into a principal) against a hit of
 * the verified-token cache (SHA-256 of the token, a Caffeine lookup, the exp check), with the same
 * settings as the service and a token like the auth server's (RS256, 2048-bit key).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenVerifyBenchmark {
    private final DefaultJWTCallerPrincipalFactory smallrye = new DefaultJWTCallerPrincipalFactory();
    private JWTAuthContextInfo context;
    private VerifiedTokens cache;
    private String token;

    @Setup(Level.Trial)
    public void setUp() throws IOException, ParseException {
        SigningKeys keys = SigningKeys.inDirectory(Files.createTempDirectory("token-bench"));
        token = TokenMint.local(keys)
                .mint("bench-auth-server", "default", List.of(Scopes.EXECUTE_FLOWS), Duration.ofHours(2));
        context = new JWTAuthContextInfo();
        context.setPublicKeyLocation(keys.publicKey().toUri().toString());
        context.setIssuedBy(TokenMint.LOCAL_ISSUER);
        context.setExpectedAudience(Set.of(TokenMint.AUDIENCE));
        context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        context.setRequiredClaims(Set.of("exp", "iat"));
        context.setClockSkew(60);
        context.setGroupsPath("scope");
        // a max TTL longer than the run: every call after the first is a hit
        cache = new VerifiedTokens(smallrye, Clock.systemUTC(), 10_000, Duration.ofHours(1), new SimpleMeterRegistry());
        cache.verify(token, context);
    }

    @Benchmark
    public JWTCallerPrincipal fullVerification() throws ParseException {
        return smallrye.parse(token, context);
    }

    @Benchmark
    public JWTCallerPrincipal cacheHit() throws ParseException {
        return cache.verify(token, context);
    }

    @Benchmark
    public TokenHash tokenHashOnly() {
        return TokenHash.of(token);
    }
}
