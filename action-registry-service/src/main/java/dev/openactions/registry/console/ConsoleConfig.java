package dev.openactions.registry.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How the web console (served at /console/) signs users in, under {@code console.*}. */
@ConfigMapping(prefix = "console")
public interface ConsoleConfig {

    /** Production sign-in: OpenID Connect authorization code flow with PKCE against the operator's identity provider. */
    Oidc oidc();

    /** The local stack's sign-in for its demo tenant; never for production. */
    LocalSignIn localSignIn();

    interface Oidc {
        /** The identity provider's issuer URL (its /.well-known/openid-configuration is read); unset: no OIDC sign-in. */
        Optional<String> issuer();

        /** The console's public client id at the identity provider (no client secret: PKCE). */
        Optional<String> clientId();

        /** The audience to request (the API identifier the registry verifies); unset: the first of mp.jwt.verify.audiences. */
        Optional<String> audience();

        /** The scopes to request: the Management API scopes the console's views call. */
        @WithDefault("openid read:actions create:actions update:actions delete:actions")
        String scope();
    }

    interface LocalSignIn {
        /** Turns on POST /console/local-sign-in, which hands anyone a token for {@code tenant}: only the local stack sets this. */
        @WithDefault("false")
        boolean enabled();

        /** The tenant the local sign-in acts for. */
        @WithDefault("default")
        String tenant();

        /** The scopes of a local sign-in token. */
        @WithDefault("read:actions create:actions update:actions delete:actions")
        String scopes();

        /** Lifetime of a local sign-in token. */
        @WithDefault("1h")
        Duration ttl();
    }
}
