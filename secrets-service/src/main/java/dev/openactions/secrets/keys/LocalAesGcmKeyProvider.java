package dev.openactions.secrets.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * AES-256-GCM with key-encryption keys kept in a local file: the embedded default, for local runs
 * and single-node installs. Layout of a ciphertext: 12-byte random nonce followed by the GCM output
 * (ciphertext and 16-byte tag). The key id is derived from the first key so a wrong key file is
 * detected rather than producing garbage; the version stored with each value picks the key of the
 * keyring ({@link LocalKeyring}) that opens it.
 *
 * <p>One process owns the file: a rotation rewrites it, and another process reading the same file
 * picks the new version up only when it meets a value sealed with it.
 */
public final class LocalAesGcmKeyProvider implements KeyProvider {
    private static final Logger LOG = Logger.getLogger(LocalAesGcmKeyProvider.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Path file;
    private final SecureRandom random = new SecureRandom();
    private volatile LocalKeyring keyring;

    private LocalAesGcmKeyProvider(Path file, LocalKeyring keyring) {
        this.file = file;
        this.keyring = keyring;
    }

    /** A provider with one in-memory key (version 1) that cannot be rotated: for tests and tools. */
    public LocalAesGcmKeyProvider(byte[] keyBytes) {
        this(null, LocalKeyring.single(keyBytes));
    }

    /** Reads the key file (raw 32-byte key or keyring), creating a raw key with owner-only permissions if absent. */
    public static LocalAesGcmKeyProvider fromFile(Path file) {
        return fromFile(file, true);
    }

    /**
     * Reads the key file (raw 32-byte key or keyring). A missing file is created only when
     * {@code createIfMissing}: in production a missing key-encryption key is a lost or unmounted
     * volume, and a fresh key would silently make every stored value unreadable.
     */
    public static LocalAesGcmKeyProvider fromFile(Path file, boolean createIfMissing) {
        try {
            if (!Files.exists(file)) {
                if (!createIfMissing) {
                    throw new IllegalStateException(
                            "The local key-encryption key file " + file + " does not exist. Restore it "
                                    + "(values stored with it cannot be read without it), point secrets.local.key-file at it, or set "
                                    + "secrets.local.create-if-missing=true to generate a new key for a new installation.");
                }
                createKeyFile(file);
            }
            return new LocalAesGcmKeyProvider(file, LocalKeyring.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local key file " + file, e);
        }
    }

    private static void createKeyFile(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] bytes = new byte[LocalKeyring.KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, bytes);
            LOG.infof(
                    "Generated a new local key-encryption key at %s (mode 0600). Back it up: values encrypted with it are lost without it.",
                    file);
        } catch (FileAlreadyExistsException raced) {
            // another instance created it first; use theirs
        }
    }

    public String keyId() {
        return keyring.keyId();
    }

    @Override
    public List<SealedValue> seal(List<Plaintext> values) {
        LocalKeyring ring = keyring;
        int version = ring.latest();
        SecretKeySpec key = new SecretKeySpec(ring.key(version), "AES");
        List<SealedValue> sealed = new ArrayList<>(values.size());
        for (Plaintext value : values) {
            sealed.add(new SealedValue(ring.keyId(), version, encrypt(key, value.value(), value.boundTo())));
        }
        return sealed;
    }

    @Override
    public List<byte[]> open(List<Ciphertext> values) {
        List<byte[]> opened = new ArrayList<>(values.size());
        Set<Integer> failed = new TreeSet<>();
        KeyProviderException first = null;
        for (int i = 0; i < values.size(); i++) {
            try {
                opened.add(decrypt(values.get(i)));
            } catch (KeyProviderException e) {
                if (e.unavailable()) {
                    throw e;
                }
                failed.add(i);
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            opened.forEach(plaintext -> Arrays.fill(plaintext, (byte) 0));
            throw new KeyProviderException(first.getMessage(), false, first.getCause(), failed);
        }
        return opened;
    }

    @Override
    public List<Rewrapped> rewrap(List<Ciphertext> values) {
        LocalKeyring ring = keyring;
        int version = ring.latest();
        SecretKeySpec key = new SecretKeySpec(ring.key(version), "AES");
        List<Rewrapped> results = new ArrayList<>(values.size());
        for (Ciphertext value : values) {
            byte[] plaintext = null;
            try {
                plaintext = decrypt(value);
                results.add(
                        Rewrapped.ok(new SealedValue(ring.keyId(), version, encrypt(key, plaintext, value.boundTo()))));
            } catch (KeyProviderException e) {
                if (e.unavailable()) {
                    throw e;
                }
                results.add(Rewrapped.failed(e.getMessage()));
            } finally {
                if (plaintext != null) {
                    Arrays.fill(plaintext, (byte) 0);
                }
            }
        }
        return results;
    }

    @Override
    public synchronized int rotate() {
        requireFile("rotate");
        byte[] fresh = new byte[LocalKeyring.KEY_BYTES];
        random.nextBytes(fresh);
        LocalKeyring next = reloaded().withVersion(fresh);
        Arrays.fill(fresh, (byte) 0);
        persist(next);
        LOG.infof(
                "Rotated the local key %s to version %d; the key file %s is now a keyring of versions %s. Back it up.",
                next.keyId(), next.latest(), file, next.versions().keySet());
        return next.latest();
    }

    @Override
    public synchronized void retireBelow(int minVersion) {
        requireFile("retire versions of");
        LocalKeyring current = reloaded();
        if (minVersion <= current.oldest()) {
            return;
        }
        LocalKeyring next = current.withoutVersionsBelow(minVersion);
        persist(next);
        LOG.infof(
                "Retired the local key versions below %d of %s; the keyring now holds versions %s",
                minVersion, next.keyId(), next.versions().keySet());
    }

    @Override
    public KeyStatus status() {
        LocalKeyring ring = keyring;
        return new KeyStatus(ring.keyId(), ring.latest(), ring.oldest());
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    private byte[] encrypt(SecretKeySpec key, byte[] plaintext, byte[] boundTo) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo);
            byte[] out = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + out.length)
                    .put(nonce)
                    .put(out)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new KeyProviderException("local encryption failed", false, e);
        }
    }

    private byte[] decrypt(Ciphertext value) {
        SealedValue sealed = value.sealed();
        LocalKeyring ring = keyring;
        if (!ring.keyId().equals(sealed.keyId())) {
            throw new KeyProviderException(
                    "value was sealed with key " + sealed.keyId() + ", not the configured " + ring.keyId(),
                    false,
                    null);
        }
        byte[] keyBytes = ring.key(sealed.keyVersion());
        if (keyBytes == null && sealed.keyVersion() > ring.latest() && file != null) {
            // sealed by another process after it rotated the shared key file
            keyBytes = reloaded().key(sealed.keyVersion());
        }
        if (keyBytes == null) {
            throw new KeyProviderException(
                    "key version " + sealed.keyVersion() + " of " + ring.keyId() + " is not in the keyring (retired?)",
                    false,
                    null);
        }
        byte[] data = sealed.ciphertext();
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new KeyProviderException("ciphertext too short", false, null);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(keyBytes, "AES"),
                    new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(value.boundTo());
            return cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new KeyProviderException(
                    "ciphertext does not authenticate for this tenant, owner and name", false, e);
        }
    }

    /** The file's current content (it may have been rotated by another process); kept in memory too. */
    private synchronized LocalKeyring reloaded() {
        try {
            LocalKeyring onDisk = LocalKeyring.read(file);
            if (!onDisk.keyId().equals(keyring.keyId())) {
                throw new KeyProviderException(
                        "the key file " + file + " now holds key " + onDisk.keyId() + ", not " + keyring.keyId(),
                        false,
                        null);
            }
            keyring = onDisk;
            return onDisk;
        } catch (IOException e) {
            throw new KeyProviderException("cannot read the local key file " + file + ": " + e.getMessage(), true, e);
        }
    }

    private void persist(LocalKeyring next) {
        try {
            next.write(file);
            keyring = next;
        } catch (IOException e) {
            throw new KeyProviderException("cannot write the local key file " + file + ": " + e.getMessage(), true, e);
        }
    }

    private void requireFile(String operation) {
        if (file == null) {
            throw new UnsupportedOperationException("cannot " + operation + " an in-memory key");
        }
    }
}
