package dev.openactions.secrets.keys;

import io.quarkus.vault.VaultTransitSecretEngine;
import io.quarkus.vault.transit.ClearData;
import io.quarkus.vault.transit.DecryptionRequest;
import io.quarkus.vault.transit.EncryptionRequest;
import io.quarkus.vault.transit.KeyCreationRequestDetail;
import io.quarkus.vault.transit.TransitContext;
import io.quarkus.vault.transit.VaultBatchException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Vault Transit: keys never leave Vault. The key is derived (a per-value key from the transit
 * context), and the context is the value's binding, so a ciphertext only decrypts for the row it
 * was made for. Values travel in batches: one Vault call per owner, not per secret.
 */
public final class VaultTransitKeyProvider implements KeyProvider {
    private static final Logger LOG = Logger.getLogger(VaultTransitKeyProvider.class);

    private final VaultTransitSecretEngine transit;
    private final String keyName;
    private final String keyId;

    public VaultTransitKeyProvider(VaultTransitSecretEngine transit, String keyName) {
        this.transit = transit;
        this.keyName = keyName;
        this.keyId = "vault-transit:" + keyName;
    }

    /** Creates the derived AES-256-GCM key if Vault does not have it yet. */
    public void ensureKey() {
        try {
            if (transit.readKey(keyName).isEmpty()) {
                transit.createKey(keyName, new KeyCreationRequestDetail().setType("aes256-gcm96").setDerived(true));
                LOG.infof("Created Vault Transit key %s (derived, aes256-gcm96)", keyName);
            }
        } catch (RuntimeException e) {
            // Not fatal: readiness stays DOWN until Vault answers, and the key is created then.
            LOG.warnf("Vault Transit key %s could not be checked yet: %s", keyName, e.getMessage());
        }
    }

    @Override
    public List<SealedValue> seal(List<Plaintext> values) {
        List<EncryptionRequest> requests = values.stream()
                .map(v -> new EncryptionRequest(new ClearData(v.value()), TransitContext.fromContext(v.boundTo())))
                .toList();
        Map<EncryptionRequest, String> encrypted = call(() -> transit.encrypt(keyName, requests), "encrypt");
        List<SealedValue> sealed = new ArrayList<>(requests.size());
        for (EncryptionRequest request : requests) {
            String ciphertext = encrypted.get(request);
            sealed.add(new SealedValue(keyId, versionOf(ciphertext), ciphertext.getBytes(StandardCharsets.UTF_8)));
        }
        return sealed;
    }

    @Override
    public List<byte[]> open(List<Ciphertext> values) {
        for (Ciphertext value : values) {
            if (!keyId.equals(value.sealed().keyId())) {
                throw new KeyProviderException("value was sealed with " + value.sealed().keyId() + ", not " + keyId, false, null);
            }
        }
        List<DecryptionRequest> requests = values.stream()
                .map(v -> new DecryptionRequest(new String(v.sealed().ciphertext(), StandardCharsets.UTF_8),
                        TransitContext.fromContext(v.boundTo())))
                .toList();
        Map<DecryptionRequest, ClearData> decrypted = call(() -> transit.decrypt(keyName, requests), "decrypt");
        return requests.stream().map(r -> decrypted.get(r).getValue()).toList();
    }

    @Override
    public boolean isAvailable() {
        if (transit.readKey(keyName).isPresent()) {
            return true;
        }
        ensureKey();
        return transit.readKey(keyName).isPresent();
    }

    private <T> T call(java.util.function.Supplier<T> operation, String name) {
        try {
            return operation.get();
        } catch (VaultBatchException e) {
            throw new KeyProviderException("Vault refused to " + name + " a value (wrong binding or tampered ciphertext)", false, e);
        } catch (io.quarkus.vault.client.VaultClientException e) {
            Integer status = e.getStatus();
            boolean dataError = status != null && status == 400;
            throw new KeyProviderException("Vault " + name + " failed with status " + status, !dataError, e);
        } catch (RuntimeException e) {
            throw new KeyProviderException("Vault unreachable during " + name + ": " + e.getMessage(), true, e);
        }
    }

    /** {@code vault:v3:...} → 3. */
    static int versionOf(String ciphertext) {
        String[] parts = ciphertext.split(":", 3);
        if (parts.length != 3 || !parts[1].startsWith("v")) {
            throw new KeyProviderException("unexpected ciphertext format from Vault", false, null);
        }
        return Integer.parseInt(parts[1].substring(1));
    }
}
