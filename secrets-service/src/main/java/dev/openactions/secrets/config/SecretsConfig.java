package dev.openactions.secrets.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** Settings of the secrets service, under {@code secrets.*}. */
@ConfigMapping(prefix = "secrets")
public interface SecretsConfig {

    /**
     * Which key provider encrypts values at rest: {@code local} (AES-256-GCM, key file) or
     * {@code vault-transit}. Required outside dev and test: the service refuses to start without a
     * deliberate choice.
     */
    KeyProviderKind keyProvider();

    /** Bearer-token authentication. */
    Auth auth();

    interface Auth {
        /** The access-token claim that names the caller's tenant; a token with one reaches only that tenant. */
        @WithDefault("https://openactions.dev/tenant")
        String tenantClaim();

        /** The longest lifetime ({@code exp - iat}) a bearer token may have; longer-lived tokens are refused (Auth0's access tokens live 24 h). */
        @WithDefault("24h")
        Duration maxTokenLifetime();
    }

    /** The local key provider. */
    Local local();

    /** The Vault Transit key provider. */
    Vault vault();

    /** Limits on what a caller may store. */
    Limits limits();

    /** Key rotation and the background rewrap of stored values. */
    Rotation rotation();

    /** Readiness probing of the key backend. */
    Health health();

    enum KeyProviderKind {
        LOCAL,
        VAULT_TRANSIT
    }

    interface Local {
        /**
         * The key-encryption key file; generated (32 random bytes, mode 0600) on first start if absent,
         * rewritten as a keyring (one key per version) by the first rotation.
         */
        @WithDefault("data/secrets-kek")
        Path keyFile();

        /**
         * Whether a missing key file is generated. Off by default: in production a missing key file is a
         * lost or unmounted volume, and a new key would make every stored value unreadable.
         */
        @WithDefault("false")
        boolean createIfMissing();
    }

    interface Vault {
        /** Transit key name; created (derived, aes256-gcm96) on start if absent. */
        @WithDefault("openactions-secrets")
        String transitKey();
    }

    interface Limits {
        /** Secrets per owner (an action or an integration installation). */
        @WithDefault("30")
        int maxSecretsPerOwner();

        /** Characters per secret value. */
        @WithDefault("4096")
        int maxValueLength();
    }

    interface Rotation {
        /** Values rewrapped per transaction and per Vault rewrap call. */
        @WithDefault("250")
        int batchSize();

        /** How often an unfinished rotation is looked for and resumed (after a restart or a key backend outage). */
        @WithDefault("10s")
        Duration pollInterval();
    }

    interface Health {
        /** How often readiness probes the key backend (requests fail fast with 503 while it is down). */
        @WithDefault("2s")
        Duration probeInterval();
    }
}
