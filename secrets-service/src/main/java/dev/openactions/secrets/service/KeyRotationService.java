package dev.openactions.secrets.service;

import dev.openactions.secrets.config.SecretsConfig;
import dev.openactions.secrets.domain.KeyRotationEntity;
import dev.openactions.secrets.domain.SecretsException;
import dev.openactions.secrets.keys.KeyOperationNotPermitted;
import dev.openactions.secrets.keys.KeyProvider;
import dev.openactions.secrets.keys.KeyProviderException;
import dev.openactions.secrets.keys.KeyProviderProbe;
import dev.openactions.secrets.repository.KeyRotationRepository;
import dev.openactions.secrets.repository.SecretValueRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

/**
 * Key rotation for operators: rotate the key (new values use the new version at once), let the
 * {@link RewrapWorker} move every stored value to it in the background, then retire the old versions
 * once no value needs them. Works the same for both key providers.
 */
@ApplicationScoped
public class KeyRotationService {
    private static final Logger LOG = Logger.getLogger(KeyRotationService.class);

    private final KeyRotationRepository rotations;
    private final SecretValueRepository values;
    private final KeyProvider keys;
    private final KeyProviderProbe probe;
    private final RewrapWorker worker;
    private final SecretsConfig config;

    KeyRotationService(
            KeyRotationRepository rotations,
            SecretValueRepository values,
            KeyProvider keys,
            KeyProviderProbe probe,
            RewrapWorker worker,
            SecretsConfig config) {
        this.rotations = rotations;
        this.values = values;
        this.keys = keys;
        this.probe = probe;
        this.worker = worker;
        this.config = config;
    }

    /**
     * Rotates the key and records the rotation, in one transaction: the row is visible (to the worker
     * and to other instances) only once the backend has the new version. If this fails half-way the
     * key may have a version nobody rewraps to, which is harmless: new values use it, and the next
     * rotation rewraps everything below its own version.
     */
    public KeyRotation start(String caller, boolean rotateKey) {
        requireBackend();
        KeyRotation started;
        try {
            started = startInTransaction(caller, rotateKey);
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                throw new SecretsException.RotationInProgress(
                        rotations.findActive().map(r -> r.id.toString()).orElse("(unknown)"));
            }
            throw e;
        }
        worker.kick();
        return started;
    }

    /**
     * {@code rotateKey} false: the key was rotated elsewhere (an operator, or Vault's auto-rotation,
     * where this service's policy may not rotate): rewrap everything below the latest version.
     */
    @Transactional
    KeyRotation startInTransaction(String caller, boolean rotateKey) {
        rotations.findActive().ifPresent(active -> {
            throw new SecretsException.RotationInProgress(active.id.toString());
        });
        KeyRotationEntity rotation = new KeyRotationEntity();
        rotation.id = UUID.randomUUID();
        rotation.status = KeyRotationEntity.Status.REWRAPPING;
        rotation.pass = 1;
        rotation.requestedBy = caller;
        rotation.createdAt = Instant.now();
        rotation.updatedAt = rotation.createdAt;
        rotation.keyId = "";
        rotations.persist(rotation);
        rotations.flush(); // claims the one active slot (unique index) before the key changes

        int target;
        String keyId;
        try {
            target = rotateKey ? keys.rotate() : keys.status().latestVersion();
            keyId = keys.status().keyId();
        } catch (KeyOperationNotPermitted e) {
            throw new SecretsException.KeyOperationNotPermitted(
                    e.getMessage() + ". Rotate the key with an operator's "
                            + "credentials (Vault: vault write -f transit/keys/<key>/rotate), then rewrap with ?rotate_key=false.");
        } catch (KeyProviderException e) {
            throw unavailable("rotate the key", e);
        }
        rotation.keyId = keyId;
        rotation.targetVersion = target;
        rotation.total = values.countBelow(keyId, target);
        LOG.infof(
                "Key rotation %s requested by %s: %s %s version %d; rewrapping %d values",
                rotation.id, caller, keyId, rotateKey ? "rotated to" : "is at", target, rotation.total);
        return KeyRotation.from(rotation, rotation.total);
    }

    @Transactional
    public KeyRotation get(UUID id) {
        KeyRotationEntity rotation =
                rotations.findByIdOptional(id).orElseThrow(() -> new SecretsException.RotationNotFound(id.toString()));
        return KeyRotation.from(rotation, values.countBelow(rotation.keyId, rotation.targetVersion));
    }

    /**
     * Makes the versions below the rotation's target unusable, once the rotation has finished and no
     * stored value is sealed with them any more: Vault raises the key's min_decryption_version, the
     * local keyring drops them.
     */
    @Transactional
    public KeyRotation retire(UUID id, String caller) {
        KeyRotationEntity rotation =
                rotations.findByIdOptional(id).orElseThrow(() -> new SecretsException.RotationNotFound(id.toString()));
        if (rotation.status == KeyRotationEntity.Status.REWRAPPING) {
            throw new SecretsException.RetirementRefused(
                    "rotation " + id + " is still rewrapping values; retire once it has completed");
        }
        long remaining = values.countBelow(rotation.keyId, rotation.targetVersion);
        if (remaining > 0) {
            throw new SecretsException.RetirementRefused(
                    remaining + " stored values still use key versions below " + rotation.targetVersion
                            + "; set or delete them (the rotation lists how many failed), then retire");
        }
        requireBackend();
        try {
            KeyProvider.KeyStatus status = keys.status();
            if (!status.keyId().equals(rotation.keyId)) {
                throw new SecretsException.RetirementRefused(
                        "the configured key is now " + status.keyId() + ", not " + rotation.keyId);
            }
            if (status.minDecryptionVersion() < rotation.targetVersion) {
                keys.retireBelow(rotation.targetVersion);
            }
        } catch (KeyOperationNotPermitted e) {
            throw new SecretsException.KeyOperationNotPermitted(
                    e.getMessage() + ". No stored value uses a version below "
                            + rotation.targetVersion
                            + " any more: retire them with an operator's credentials (Vault: vault write "
                            + "transit/keys/<key>/config min_decryption_version=" + rotation.targetVersion + ").");
        } catch (KeyProviderException e) {
            throw unavailable("retire key versions", e);
        }
        rotation.retiredBelow = rotation.targetVersion;
        rotation.retiredBy = caller;
        rotation.retiredAt = Instant.now();
        rotation.updatedAt = rotation.retiredAt;
        LOG.infof(
                "Key versions below %d of %s retired by %s (rotation %s)",
                rotation.targetVersion, rotation.keyId, caller, id);
        return KeyRotation.from(rotation, 0);
    }

    @Transactional
    public KeyRotation.KeyState keyState() {
        requireBackend();
        KeyProvider.KeyStatus status;
        try {
            status = keys.status();
        } catch (KeyProviderException e) {
            throw unavailable("read the key", e);
        }
        return new KeyRotation.KeyState(
                config.keyProvider().name().toLowerCase().replace('_', '-'),
                status.keyId(),
                status.latestVersion(),
                status.minDecryptionVersion(),
                values.countByVersion(status.keyId()),
                rotations.findActive().map(r -> r.id).orElse(null));
    }

    private void requireBackend() {
        if (!probe.available()) {
            throw new SecretsException.KeyBackendUnavailable("the key backend is unavailable; try again shortly");
        }
    }

    private static SecretsException unavailable(String operation, KeyProviderException e) {
        LOG.warnf("Could not %s: %s", operation, e.getMessage());
        return new SecretsException.KeyBackendUnavailable("the key backend is unavailable; try again shortly");
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException c
                    && "key_rotations_one_active".equals(c.getConstraintName())) {
                return true;
            }
        }
        return false;
    }
}
