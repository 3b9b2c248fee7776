package dev.openactions.executor.security;

import dev.openactions.executor.config.ExecutorConfig;
import dev.openactions.executor.flow.WarmupFlow;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bearer token of the startup warm-up ({@link WarmupFlow}): the warm-up's requests go through the
 * same authentication as a login (header, signature check, token cache, {@link TokenRules}, scopes), but
 * this service cannot get a token of the auth server. So it signs one token with a key pair made for the
 * purpose, held in memory only, and {@link CachingPrincipalFactory} verifies exactly that token with that
 * key — the auth server's settings otherwise unchanged (issuer, audience, required claims) — until
 * {@link #close()}, which the warm-up calls before readiness reports UP. After that no key but the auth
 * server's verifies anything, and the token names a tenant that exists only in this process.
 */
@ApplicationScoped
public class WarmupTokens {
    /** What is accepted while the warm-up runs; the verifying context is derived once from the real one. */
    private record Open(byte[] token, PublicKey key, JWTAuthContextInfo realContext, JWTAuthContextInfo context) {
        Open withContext(JWTAuthContextInfo real, JWTAuthContextInfo derived) {
            return new Open(token, key, real, derived);
        }
    }

    private final String issuer;
    private final String audience;
    private final String tenantClaim;
    private volatile Open open;

    WarmupTokens(
            ExecutorConfig config,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") String audiences) {
        this.issuer = issuer;
        this.audience = audiences.split(",")[0].strip();
        this.tenantClaim = config.auth().tenantClaim();
    }

    /**
     * A token of the warm-up tenant with scope {@code execute:flows}, signed with a new key pair whose
     * private half is dropped right after; accepted until {@link #close()} or its expiry.
     */
    public synchronized String open(Duration lifetime) {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the warm-up's key pair", e);
        }
        String token = Jwt.issuer(issuer)
                .subject("executor-warmup")
                .audience(audience)
                .claim(tenantClaim, WarmupFlow.TENANT)
                .claim("scope", Scopes.EXECUTE_FLOWS)
                .expiresIn(lifetime)
                .sign(pair.getPrivate());
        open = new Open(token.getBytes(StandardCharsets.US_ASCII), pair.getPublic(), null, null);
        return token;
    }

    /** From now on the warm-up's token is verified with the auth server's keys like any other, and fails. */
    public synchronized void close() {
        open = null;
    }

    /**
     * The context to verify this token with: for the warm-up's token while open, the given context with
     * the warm-up's public key as its only key; for every other token (and after close) the given one.
     */
    JWTAuthContextInfo contextFor(String token, JWTAuthContextInfo context) {
        Open current = open;
        if (current == null || !MessageDigest.isEqual(current.token(), token.getBytes(StandardCharsets.US_ASCII))) {
            return context;
        }
        if (current.realContext() == context) {
            return current.context();
        }
        JWTAuthContextInfo derived = new JWTAuthContextInfo(context);
        derived.setPublicKeyLocation(null);
        derived.setPublicKeyContent(null);
        derived.setTokenKeyId(null);
        derived.setPublicVerificationKey(current.key());
        synchronized (this) {
            if (open == current) {
                open = current.withContext(context, derived);
            }
        }
        return derived;
    }
}
