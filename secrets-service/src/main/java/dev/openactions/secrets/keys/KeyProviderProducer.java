package dev.openactions.secrets.keys;

import dev.openactions.secrets.config.SecretsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/** Chooses the key provider from {@code secrets.key-provider}. */
@ApplicationScoped
public class KeyProviderProducer {
    private static final Logger LOG = Logger.getLogger(KeyProviderProducer.class);

    @Produces
    @ApplicationScoped
    KeyProvider keyProvider(SecretsConfig config) {
        return switch (config.keyProvider()) {
            case LOCAL -> {
                LocalAesGcmKeyProvider local = LocalAesGcmKeyProvider.fromFile(config.local().keyFile());
                LOG.infof("Secrets are encrypted with the local AES-256-GCM key %s", local.keyId());
                yield local;
            }
            case VAULT_TRANSIT -> throw new IllegalStateException("the vault-transit key provider is not available in this build yet");
        };
    }
}
