package dev.openactions.secrets.keys;

import io.quarkus.vault.VaultTransitSecretEngine;
import io.quarkus.vault.client.VaultClientException;
import io.quarkus.vault.transit.ClearData;
import io.quarkus.vault.transit.DecryptionRequest;
import io.quarkus.vault.transit.EncryptionRequest;
import io.quarkus.vault.transit.KeyConfigRequestDetail;
import io.quarkus.vault.transit.KeyCreationRequestDetail;
import io.quarkus.vault.transit.RewrappingRequest;
import io.quarkus.vault.transit.TransitContext;
import io.quarkus.vault.transit.VaultBatchException;
import io.quarkus.vault.transit.VaultDecryptionBatchException;
import io.quarkus.vault.transit.VaultRewrappingBatchException;
import io.quarkus.vault.transit.VaultTransitKeyDetail;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Vault Transit: keys never leave Vault. The key is derived (a per-value key from the transit
 * context), and the context is the value's binding, so a ciphertext only decrypts for the row it
 * was made for. Values travel in batches: one Vault call per owner, not per secret; rewrap happens
 * inside Vault, so rotation never brings a plaintext into this service.
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
                transit.createKey(
                        keyName,
                        new KeyCreationRequestDetail().setType("aes256-gcm96").setDerived(true));
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
            sealed.add(sealedValue(encrypted.get(request)));
        }
        return sealed;
    }

    @Override
    public List<byte[]> open(List<Ciphertext> values) {
        for (int i = 0; i < values.size(); i++) {
            if (!keyId.equals(values.get(i).sealed().keyId())) {
                throw new KeyProviderException(
                        "value was sealed with " + values.get(i).sealed().keyId() + ", not " + keyId,
                        false,
                        null,
                        Set.of(i));
            }
        }
        List<DecryptionRequest> requests = values.stream()
                .map(v -> new DecryptionRequest(text(v), TransitContext.fromContext(v.boundTo())))
                .toList();
        Map<DecryptionRequest, ClearData> decrypted;
        try {
            decrypted = call(() -> transit.decrypt(keyName, requests), "decrypt");
        } catch (KeyProviderException e) {
            if (e.getCause() instanceof VaultDecryptionBatchException batch) {
                Set<Integer> failed = new HashSet<>();
                for (int i = 0; i < requests.size(); i++) {
                    if (batch.getErrors().containsKey(requests.get(i))) {
                        failed.add(i);
                    }
                }
                throw new KeyProviderException(e.getMessage(), false, e.getCause(), failed);
            }
            throw e;
        }
        return requests.stream().map(r -> decrypted.get(r).getValue()).toList();
    }

    @Override
    public List<Rewrapped> rewrap(List<Ciphertext> values) {
        List<Rewrapped> results = new ArrayList<>(values.size());
        List<RewrappingRequest> requests = new ArrayList<>(values.size());
        for (Ciphertext value : values) {
            requests.add(
                    keyId.equals(value.sealed().keyId())
                            ? new RewrappingRequest(text(value), TransitContext.fromContext(value.boundTo()))
                            : null);
        }
        List<RewrappingRequest> sent = requests.stream().filter(r -> r != null).toList();
        Map<RewrappingRequest, String> rewrapped = Map.of();
        Map<RewrappingRequest, String> errors = Map.of();
        if (!sent.isEmpty()) {
            try {
                rewrapped = transit.rewrap(keyName, sent);
            } catch (VaultRewrappingBatchException e) {
                rewrapped = e.getValid();
                errors = e.getErrors();
            } catch (VaultClientException e) {
                if (!isDataError(e)) {
                    throw unavailable("rewrap", e);
                }
                if (sent.size() == 1) {
                    errors = Map.of(sent.get(0), "Vault refused to rewrap the value (status 400)");
                } else {
                    // Vault answers 400 when every value of a batch fails: find out value by value.
                    return values.stream().map(v -> rewrap(List.of(v)).get(0)).toList();
                }
            } catch (RuntimeException e) {
                throw unavailable("rewrap", e);
            }
        }
        for (int i = 0; i < values.size(); i++) {
            RewrappingRequest request = requests.get(i);
            if (request == null) {
                results.add(Rewrapped.failed(
                        "value was sealed with " + values.get(i).sealed().keyId() + ", not " + keyId));
            } else if (rewrapped.get(request) != null) {
                results.add(Rewrapped.ok(sealedValue(rewrapped.get(request))));
            } else {
                results.add(Rewrapped.failed(
                        "Vault refused to rewrap the value: " + errors.getOrDefault(request, "no result")));
            }
        }
        return results;
    }

    @Override
    public int rotate() {
        administer(() -> transit.rotateKey(keyName), "rotate the key");
        int latest = status().latestVersion();
        LOG.infof("Rotated Vault Transit key %s to version %d", keyName, latest);
        return latest;
    }

    @Override
    public void retireBelow(int minVersion) {
        administer(
                () -> transit.updateKeyConfiguration(
                        keyName, new KeyConfigRequestDetail().setMinDecryptionVersion(minVersion)),
                "configure the key");
        LOG.infof("Vault Transit key %s no longer decrypts versions below %d", keyName, minVersion);
    }

    @Override
    public KeyStatus status() {
        VaultTransitKeyDetail<?> detail = call(() -> transit.readKey(keyName), "read the key")
                .orElseThrow(() -> new KeyProviderException("Vault has no Transit key " + keyName, true, null));
        return new KeyStatus(keyId, detail.getLatestVersion(), Math.max(1, detail.getMinDecryptionVersion()));
    }

    @Override
    public boolean isAvailable() {
        if (transit.readKey(keyName).isPresent()) {
            return true;
        }
        ensureKey();
        return transit.readKey(keyName).isPresent();
    }

    private SealedValue sealedValue(String ciphertext) {
        return new SealedValue(keyId, versionOf(ciphertext), ciphertext.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Ciphertext value) {
        return new String(value.sealed().ciphertext(), StandardCharsets.UTF_8);
    }

    private <T> T call(Supplier<T> operation, String name) {
        try {
            return operation.get();
        } catch (VaultBatchException e) {
            throw new KeyProviderException(
                    "Vault refused to " + name + " a value (wrong binding or tampered ciphertext)", false, e);
        } catch (VaultClientException e) {
            if (isDataError(e)) {
                throw new KeyProviderException("Vault " + name + " failed with status 400", false, e);
            }
            throw unavailable(name, e);
        } catch (RuntimeException e) {
            throw unavailable(name, e);
        }
    }

    /** Rotate and config: a policy may leave them to operators, which is not an outage. */
    private void administer(Runnable operation, String name) {
        try {
            operation.run();
        } catch (VaultClientException e) {
            if (e.getStatus() != null && e.getStatus() == 403) {
                throw new KeyOperationNotPermitted(name + " " + keyName + " (Vault: permission denied)", e);
            }
            throw isDataError(e)
                    ? new KeyProviderException("Vault refused to " + name + " (status 400)", false, e)
                    : unavailable(name, e);
        } catch (RuntimeException e) {
            throw unavailable(name, e);
        }
    }

    private static boolean isDataError(VaultClientException e) {
        return e.getStatus() != null && e.getStatus() == 400;
    }

    private static KeyProviderException unavailable(String operation, RuntimeException e) {
        String reason = e instanceof VaultClientException client && client.getStatus() != null
                ? "status " + client.getStatus()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new KeyProviderException("Vault unreachable during " + operation + " (" + reason + ")", true, e);
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
