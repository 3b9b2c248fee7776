package dev.openactions.secrets.keys;

import dev.openactions.secrets.config.SecretsConfig;
import io.quarkus.runtime.Startup;
import io.quarkus.vault.VaultTransitSecretEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/**
 * Chooses the key provider from {@code secrets.key-provider}. Created at startup, so a missing key
 * file or an unreachable key refuses the start instead of the first request.
 */
@ApplicationScoped
public class KeyProviderProducer {
    private static final Logger LOG = Logger.getLogger(KeyProviderProducer.class);

    @Produces
    @Startup
    @ApplicationScoped
    KeyProvider keyProvider(SecretsConfig config, Instance<VaultTransitSecretEngine> transit) {
        return switch (config.keyProvider()) {
            case LOCAL -> {
                LocalAesGcmKeyProvider local = LocalAesGcmKeyProvider.fromFile(
                        config.local().keyFile(), config.local().createIfMissing());
                LOG.infof("Secrets are encrypted with the local AES-256-GCM key %s", local.keyId());
                yield local;
            }
            case VAULT_TRANSIT -> {
                VaultTransitKeyProvider vault = new VaultTransitKeyProvider(
                        transit.get(), config.vault().transitKey());
                vault.ensureKey();
                LOG.infof(
                        "Secrets are encrypted with Vault Transit key %s",
                        config.vault().transitKey());
                yield vault;
            }
        };
    }
}
