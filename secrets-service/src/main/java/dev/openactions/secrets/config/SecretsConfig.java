package dev.openactions.secrets.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Settings of the secrets service, under {@code secrets.*}. */
@ConfigMapping(prefix = "secrets")
public interface SecretsConfig {

    /** Which key provider encrypts values at rest: {@code local} (AES-256-GCM, key file) or {@code vault-transit}. */
    @WithDefault("local")
    KeyProviderKind keyProvider();

    /** The local key provider. */
    Local local();

    /** The Vault Transit key provider. */
    Vault vault();

    /** Limits on what a caller may store. */
    Limits limits();

    enum KeyProviderKind {
        LOCAL, VAULT_TRANSIT
    }

    interface Local {
        /** The key-encryption key file; generated (32 random bytes, mode 0600) on first start if absent. */
        @WithDefault("data/secrets-kek")
        Path keyFile();
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
}
