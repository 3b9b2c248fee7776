package dev.openactions.registry.security;

import dev.openactions.registry.config.RegistryConfig;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bearer token of this service's own identity, for its calls to secrets-service and the executor
 * (ADR 8). {@code self-signed}: minted here, short-lived, with the key at
 * {@code smallrye.jwt.sign.key.location} (local mode and tests; in production a service key whose
 * public half the authorization server's JWKS publishes). {@code file}: read from a file that an
 * agent (client-credentials sidecar, Vault agent) keeps fresh. Tokens carry no tenant: the identity
 * acts for the platform, and its scopes say what it may do.
 */
@ApplicationScoped
public class ServiceTokens {
    static final String SUBJECT = "action-registry-service";

    private final RegistryConfig.Auth.ServiceToken config;
    private final String issuer;
    private final String audience;
    private volatile Cached cached;

    private record Cached(String token, Instant refreshAt) {
        @Override
        public String toString() {
            return "Cached[***]";
        }
    }

    ServiceTokens(
            RegistryConfig config,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") String audience) {
        this.config = config.auth().serviceToken();
        this.issuer = issuer;
        this.audience = audience.split(",")[0].strip();
    }

    /** A token valid for at least half its lifetime more. */
    public String current() {
        Cached now = cached;
        if (now != null && Instant.now().isBefore(now.refreshAt())) {
            return now.token();
        }
        synchronized (this) {
            if (cached != null && Instant.now().isBefore(cached.refreshAt())) {
                return cached.token();
            }
            cached = "file".equals(config.source()) ? fromFile() : selfSigned();
            return cached.token();
        }
    }

    private Cached selfSigned() {
        Duration ttl = config.ttl();
        String token = Jwt.issuer(issuer)
                .subject(SUBJECT)
                .audience(audience)
                .claim("scope", Scopes.SERVICE_IDENTITY)
                .expiresIn(ttl)
                .sign();
        return new Cached(token, Instant.now().plus(ttl.dividedBy(2)));
    }

    private Cached fromFile() {
        var path = config.file()
                .orElseThrow(() -> new IllegalStateException(
                        "registry.auth.service-token.file must be set when registry.auth.service-token.source=file"));
        try {
            // re-read often: the agent that writes it rotates the token on its own schedule
            return new Cached(Files.readString(path).strip(), Instant.now().plusSeconds(30));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service token from " + path, e);
        }
    }
}
