package dev.openactions.secrets.service;

import dev.openactions.secrets.config.SecretsConfig;
import dev.openactions.secrets.domain.AuditEventEntity.Action;
import dev.openactions.secrets.domain.SecretValueEntity;
import dev.openactions.secrets.domain.SecretsException;
import dev.openactions.secrets.keys.KeyProvider;
import dev.openactions.secrets.keys.KeyProviderException;
import dev.openactions.secrets.keys.KeyProviderProbe;
import dev.openactions.secrets.keys.SealedValue;
import dev.openactions.secrets.repository.SecretValueRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;

/**
 * Stores, lists and decrypts the secret values of one owner (an action or an integration install).
 * Every change and every decrypt is recorded in the {@link AuditTrail} with the caller's name.
 */
@ApplicationScoped
public class SecretsService {
    private static final Logger LOG = Logger.getLogger(SecretsService.class);

    private final SecretValueRepository repository;
    private final KeyProvider keys;
    private final KeyProviderProbe probe;
    private final AuditTrail audit;
    private final SecretsConfig config;

    SecretsService(
            SecretValueRepository repository,
            KeyProvider keys,
            KeyProviderProbe probe,
            AuditTrail audit,
            SecretsConfig config) {
        this.repository = repository;
        this.keys = keys;
        this.probe = probe;
        this.audit = audit;
        this.config = config;
    }

    /**
     * Replaces the owner's whole set: names absent from {@code secrets} are deleted, a name without a
     * value keeps its current value, a name with a value is (re-)encrypted.
     */
    @Transactional
    public List<SecretName> replaceAll(String tenantId, String ownerId, List<SecretInput> secrets, String caller) {
        validate(secrets);
        repository.lockOwner(tenantId, ownerId);
        Map<String, SecretValueEntity> existing = repository.findByOwner(tenantId, ownerId).stream()
                .collect(Collectors.toMap(e -> e.name, Function.identity()));
        Set<String> wanted = new HashSet<>();
        List<SecretInput> toSeal = new ArrayList<>();
        for (int i = 0; i < secrets.size(); i++) {
            SecretInput secret = secrets.get(i);
            wanted.add(secret.name());
            if (secret.value() != null) {
                toSeal.add(secret);
            } else if (!existing.containsKey(secret.name())) {
                throw new SecretsException.InvalidSecrets(
                        "secrets[" + i + "].value", "no value given and none is stored under this name yet");
            }
        }
        List<String> removed = existing.values().stream()
                .filter(e -> !wanted.contains(e.name))
                .map(e -> e.name)
                .sorted()
                .toList();
        removed.forEach(name -> repository.delete(existing.get(name)));
        store(tenantId, ownerId, toSeal, existing);

        if (!toSeal.isEmpty()) {
            audit.record(
                    tenantId,
                    ownerId,
                    Action.SET,
                    toSeal.stream().map(SecretInput::name).toList(),
                    caller);
        }
        if (!removed.isEmpty()) {
            audit.record(tenantId, ownerId, Action.DELETE, removed, caller);
        }
        LOG.infof(
                "Stored secrets of %s/%s for %s: %d set, %d kept, %d deleted",
                tenantId, ownerId, caller, toSeal.size(), secrets.size() - toSeal.size(), removed.size());
        return listNames(tenantId, ownerId);
    }

    /** Sets one value, creating the name if needed, and leaves the owner's other secrets alone. */
    @Transactional
    public SecretName upsert(String tenantId, String ownerId, SecretInput secret, String caller) {
        checkValueLength(secret, "value");
        repository.lockOwner(tenantId, ownerId);
        Map<String, SecretValueEntity> existing = repository.findByOwner(tenantId, ownerId).stream()
                .collect(Collectors.toMap(e -> e.name, Function.identity()));
        if (!existing.containsKey(secret.name())
                && existing.size() >= config.limits().maxSecretsPerOwner()) {
            throw new SecretsException.InvalidSecrets(
                    "name", "at most " + config.limits().maxSecretsPerOwner() + " secrets per owner");
        }
        SecretValueEntity stored =
                store(tenantId, ownerId, List.of(secret), existing).get(0);
        audit.record(tenantId, ownerId, Action.SET, List.of(secret.name()), caller);
        LOG.infof("Set secret %s of %s/%s for %s", secret.name(), tenantId, ownerId, caller);
        return new SecretName(stored.name, stored.updatedAt);
    }

    /** Deletes one secret; true if it existed. */
    @Transactional
    public boolean delete(String tenantId, String ownerId, String name, String caller) {
        repository.lockOwner(tenantId, ownerId);
        long deleted = repository.delete("tenantId = ?1 and ownerId = ?2 and name = ?3", tenantId, ownerId, name);
        if (deleted > 0) {
            audit.record(tenantId, ownerId, Action.DELETE, List.of(name), caller);
            LOG.infof("Deleted secret %s of %s/%s for %s", name, tenantId, ownerId, caller);
        }
        return deleted > 0;
    }

    @Transactional
    public List<SecretName> listNames(String tenantId, String ownerId) {
        return repository.findByOwner(tenantId, ownerId).stream()
                .map(e -> new SecretName(e.name, e.updatedAt))
                .toList();
    }

    /** All of the owner's values in clear text, for the executor only. */
    @Transactional
    public Map<String, String> decryptAll(String tenantId, String ownerId, String caller) {
        List<SecretValueEntity> stored = repository.findByOwner(tenantId, ownerId);
        List<String> names = stored.stream().map(e -> e.name).toList();
        List<byte[]> opened;
        try {
            opened = stored.isEmpty() ? List.of() : open(tenantId, ownerId, stored);
        } catch (SecretsException e) {
            String detail =
                    e instanceof SecretsException.CorruptSecret ? "integrity check failed" : "key backend unavailable";
            audit.recordFailure(tenantId, ownerId, Action.DECRYPT, names, caller, detail);
            throw e;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < stored.size(); i++) {
            values.put(names.get(i), new String(opened.get(i), StandardCharsets.UTF_8));
        }
        audit.record(tenantId, ownerId, Action.DECRYPT, names, caller);
        LOG.infof("Decrypted %d secrets of %s/%s for %s", values.size(), tenantId, ownerId, caller);
        return values;
    }

    @Transactional
    public long deleteOwner(String tenantId, String ownerId, String caller) {
        repository.lockOwner(tenantId, ownerId);
        List<String> names = repository.findByOwner(tenantId, ownerId).stream()
                .map(e -> e.name)
                .toList();
        long deleted = repository.deleteByOwner(tenantId, ownerId);
        if (deleted > 0) {
            audit.record(tenantId, ownerId, Action.DELETE, names, caller);
        }
        LOG.infof("Deleted %d secrets of %s/%s for %s", deleted, tenantId, ownerId, caller);
        return deleted;
    }

    private List<SecretValueEntity> store(
            String tenantId, String ownerId, List<SecretInput> toSeal, Map<String, SecretValueEntity> existing) {
        List<SealedValue> sealed = seal(tenantId, ownerId, toSeal);
        Instant now = Instant.now();
        List<SecretValueEntity> stored = new ArrayList<>(toSeal.size());
        for (int i = 0; i < toSeal.size(); i++) {
            SecretValueEntity entity = existing.get(toSeal.get(i).name());
            if (entity == null) {
                entity = new SecretValueEntity();
                entity.tenantId = tenantId;
                entity.ownerId = ownerId;
                entity.name = toSeal.get(i).name();
                entity.createdAt = now;
            }
            SealedValue value = sealed.get(i);
            entity.ciphertext = value.ciphertext();
            entity.keyId = value.keyId();
            entity.keyVersion = value.keyVersion();
            entity.updatedAt = now;
            repository.persist(entity);
            stored.add(entity);
        }
        return stored;
    }

    private List<SealedValue> seal(String tenantId, String ownerId, List<SecretInput> secrets) {
        if (secrets.isEmpty()) {
            return List.of();
        }
        requireBackend();
        try {
            return keys.seal(secrets.stream()
                    .map(s -> new KeyProvider.Plaintext(
                            s.value().getBytes(StandardCharsets.UTF_8),
                            new SecretBinding(tenantId, ownerId, s.name()).bytes()))
                    .toList());
        } catch (KeyProviderException e) {
            if (e.unavailable()) {
                throw unavailable("encrypt", e);
            }
            throw new IllegalStateException("the key backend refused to encrypt: " + e.getMessage(), e);
        }
    }

    private List<byte[]> open(String tenantId, String ownerId, List<SecretValueEntity> stored) {
        requireBackend();
        try {
            return keys.open(stored.stream()
                    .map(e -> new KeyProvider.Ciphertext(
                            new SealedValue(e.keyId, e.keyVersion, e.ciphertext),
                            new SecretBinding(tenantId, ownerId, e.name).bytes()))
                    .toList());
        } catch (KeyProviderException e) {
            if (e.unavailable()) {
                throw unavailable("decrypt", e);
            }
            Set<Integer> failed = e.failedItems().isEmpty()
                    ? IntStream.range(0, stored.size()).boxed().collect(Collectors.toSet())
                    : e.failedItems();
            List<String> names = IntStream.range(0, stored.size())
                    .filter(failed::contains)
                    .mapToObj(i -> stored.get(i).name)
                    .toList();
            LOG.debugf("Key provider refused to open %s of %s/%s: %s", names, tenantId, ownerId, e.getMessage());
            throw new SecretsException.CorruptSecret(tenantId, ownerId, names);
        }
    }

    /** While the readiness probe sees the backend down, fail at once instead of waiting for its timeout. */
    private void requireBackend() {
        if (!probe.available()) {
            throw new SecretsException.KeyBackendUnavailable("the key backend is unavailable; try again shortly");
        }
    }

    private void validate(List<SecretInput> secrets) {
        if (secrets.size() > config.limits().maxSecretsPerOwner()) {
            throw new SecretsException.InvalidSecrets(
                    "secrets", "at most " + config.limits().maxSecretsPerOwner() + " secrets per owner");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < secrets.size(); i++) {
            if (!seen.add(secrets.get(i).name())) {
                throw new SecretsException.InvalidSecrets(
                        "secrets[" + i + "].name", "this name is given more than once");
            }
            checkValueLength(secrets.get(i), "secrets[" + i + "].value");
        }
    }

    private void checkValueLength(SecretInput secret, String field) {
        if (secret.value() != null && secret.value().length() > config.limits().maxValueLength()) {
            throw new SecretsException.InvalidSecrets(
                    field, "longer than " + config.limits().maxValueLength() + " characters");
        }
    }

    private static SecretsException unavailable(String operation, KeyProviderException e) {
        LOG.warnf("Key backend unavailable during %s: %s", operation, e.getMessage());
        return new SecretsException.KeyBackendUnavailable("the key backend is unavailable; try again shortly");
    }
}
