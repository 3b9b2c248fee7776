package dev.openactions.secrets.keys;

import dev.openactions.secrets.config.SecretsConfig;
import io.quarkus.vault.VaultTransitSecretEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/** Chooses the key provider from {@code secrets.key-provider}. */
@ApplicationScoped
public class KeyProviderProducer {
    private static final Logger LOG = Logger.getLogger(KeyProviderProducer.class);

    @Produces
    @ApplicationScoped
    KeyProvider keyProvider(SecretsConfig config, Instance<VaultTransitSecretEngine> transit) {
        return switch (config.keyProvider()) {
            case LOCAL -> {
                LocalAesGcmKeyProvider local = LocalAesGcmKeyProvider.fromFile(config.local().keyFile());
                LOG.infof("Secrets are encrypted with the local AES-256-GCM key %s", local.keyId());
                yield local;
            }
            case VAULT_TRANSIT -> {
                VaultTransitKeyProvider vault = new VaultTransitKeyProvider(transit.get(), config.vault().transitKey());
                vault.ensureKey();
                LOG.infof("Secrets are encrypted with Vault Transit key %s", config.vault().transitKey());
                yield vault;
            }
        };
    }
}
