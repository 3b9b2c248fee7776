package dev.openactions.secrets.service;

import dev.openactions.secrets.config.SecretsConfig;
import dev.openactions.secrets.domain.SecretValueEntity;
import dev.openactions.secrets.domain.SecretsException;
import dev.openactions.secrets.keys.KeyProvider;
import dev.openactions.secrets.keys.KeyProviderException;
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
import org.jboss.logging.Logger;

/** Stores, lists and decrypts the secret values of one owner (an action or an integration install). */
@ApplicationScoped
public class SecretsService {
    private static final Logger LOG = Logger.getLogger(SecretsService.class);

    private final SecretValueRepository repository;
    private final KeyProvider keys;
    private final SecretsConfig config;

    SecretsService(SecretValueRepository repository, KeyProvider keys, SecretsConfig config) {
        this.repository = repository;
        this.keys = keys;
        this.config = config;
    }

    /**
     * Replaces the owner's whole set: names absent from {@code secrets} are deleted, a name without a
     * value keeps its current value, a name with a value is (re-)encrypted.
     */
    @Transactional
    public List<SecretName> replaceAll(String tenantId, String ownerId, List<SecretInput> secrets) {
        validate(secrets);
        Map<String, SecretValueEntity> existing = repository.findByOwner(tenantId, ownerId).stream()
                .collect(Collectors.toMap(e -> e.name, Function.identity()));
        Set<String> wanted = new HashSet<>();
        List<SecretInput> toSeal = new ArrayList<>();
        for (SecretInput secret : secrets) {
            wanted.add(secret.name());
            if (secret.value() == null) {
                if (!existing.containsKey(secret.name())) {
                    throw new SecretsException.InvalidSecrets("secret '" + secret.name() + "' has no value and none is stored yet");
                }
            } else {
                toSeal.add(secret);
            }
        }
        existing.values().stream().filter(e -> !wanted.contains(e.name)).forEach(repository::delete);

        List<SealedValue> sealed = seal(tenantId, ownerId, toSeal);
        Instant now = Instant.now();
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
        }
        LOG.infof("Stored secrets of %s/%s: %d set, %d kept, %d deleted", tenantId, ownerId, toSeal.size(),
                secrets.size() - toSeal.size(), existing.keySet().stream().filter(n -> !wanted.contains(n)).count());
        return listNames(tenantId, ownerId);
    }

    @Transactional
    public List<SecretName> listNames(String tenantId, String ownerId) {
        return repository.findByOwner(tenantId, ownerId).stream()
                .map(e -> new SecretName(e.name, e.updatedAt))
                .toList();
    }

    /** All of the owner's values in clear text, for the executor only. */
    @Transactional
    public Map<String, String> decryptAll(String tenantId, String ownerId) {
        List<SecretValueEntity> stored = repository.findByOwner(tenantId, ownerId);
        if (stored.isEmpty()) {
            return Map.of();
        }
        List<KeyProvider.Ciphertext> ciphertexts = stored.stream()
                .map(e -> new KeyProvider.Ciphertext(new SealedValue(e.keyId, e.keyVersion, e.ciphertext),
                        new SecretBinding(tenantId, ownerId, e.name).bytes()))
                .toList();
        List<byte[]> opened;
        try {
            opened = keys.open(ciphertexts);
        } catch (KeyProviderException e) {
            throw translate(e, "decrypt");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < stored.size(); i++) {
            values.put(stored.get(i).name, new String(opened.get(i), StandardCharsets.UTF_8));
        }
        LOG.infof("Decrypted %d secrets of %s/%s", values.size(), tenantId, ownerId);
        return values;
    }

    @Transactional
    public long deleteOwner(String tenantId, String ownerId) {
        long deleted = repository.deleteByOwner(tenantId, ownerId);
        LOG.infof("Deleted %d secrets of %s/%s", deleted, tenantId, ownerId);
        return deleted;
    }

    private List<SealedValue> seal(String tenantId, String ownerId, List<SecretInput> secrets) {
        if (secrets.isEmpty()) {
            return List.of();
        }
        try {
            return keys.seal(secrets.stream()
                    .map(s -> new KeyProvider.Plaintext(s.value().getBytes(StandardCharsets.UTF_8),
                            new SecretBinding(tenantId, ownerId, s.name()).bytes()))
                    .toList());
        } catch (KeyProviderException e) {
            throw translate(e, "encrypt");
        }
    }

    private void validate(List<SecretInput> secrets) {
        if (secrets.size() > config.limits().maxSecretsPerOwner()) {
            throw new SecretsException.InvalidSecrets("at most " + config.limits().maxSecretsPerOwner() + " secrets per owner");
        }
        Set<String> seen = new HashSet<>();
        for (SecretInput secret : secrets) {
            if (!seen.add(secret.name())) {
                throw new SecretsException.InvalidSecrets("secret '" + secret.name() + "' is given twice");
            }
            if (secret.value() != null && secret.value().length() > config.limits().maxValueLength()) {
                throw new SecretsException.InvalidSecrets("the value of secret '" + secret.name() + "' is longer than "
                        + config.limits().maxValueLength() + " characters");
            }
        }
    }

    private static SecretsException translate(KeyProviderException e, String operation) {
        if (e.unavailable()) {
            LOG.warnf("Key backend unavailable during %s: %s", operation, e.getMessage());
            return new SecretsException.KeyBackendUnavailable("the key backend is unavailable; try again shortly");
        }
        LOG.errorf("Stored secrets failed to %s: %s", operation, e.getMessage());
        return new SecretsException.CorruptSecret("stored secrets could not be decrypted");
    }
}
