package dev.openactions.secrets.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * AES-256-GCM with a key-encryption key kept in a local file: the embedded default, for local runs
 * and single-node installs. Layout of a ciphertext: 12-byte random nonce followed by the GCM output
 * (ciphertext and 16-byte tag). The key id is derived from the key itself so a wrong key file is
 * detected rather than producing garbage.
 */
public final class LocalAesGcmKeyProvider implements KeyProvider {
    private static final Logger LOG = Logger.getLogger(LocalAesGcmKeyProvider.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_VERSION = 1;

    private final SecretKeySpec key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    public LocalAesGcmKeyProvider(byte[] keyBytes) {
        if (keyBytes.length != 32) {
            throw new IllegalArgumentException("the local key must be 32 bytes (AES-256), got " + keyBytes.length);
        }
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.keyId = "local:" + fingerprint(keyBytes);
    }

    /** Reads the key file, creating it with 32 random bytes and owner-only permissions if absent. */
    public static LocalAesGcmKeyProvider fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                createKeyFile(file);
            }
            return new LocalAesGcmKeyProvider(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local key file " + file, e);
        }
    }

    private static void createKeyFile(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, bytes);
            LOG.infof("Generated a new local key-encryption key at %s (mode 0600). Back it up: values encrypted with it are lost without it.", file);
        } catch (FileAlreadyExistsException raced) {
            // another instance created it first; use theirs
        }
    }

    public String keyId() {
        return keyId;
    }

    @Override
    public List<SealedValue> seal(List<Plaintext> values) {
        List<SealedValue> sealed = new ArrayList<>(values.size());
        for (Plaintext value : values) {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(value.boundTo());
                byte[] out = cipher.doFinal(value.value());
                sealed.add(new SealedValue(keyId, KEY_VERSION,
                        ByteBuffer.allocate(NONCE_BYTES + out.length).put(nonce).put(out).array()));
            } catch (GeneralSecurityException e) {
                throw new KeyProviderException("local encryption failed", false, e);
            }
        }
        return sealed;
    }

    @Override
    public List<byte[]> open(List<Ciphertext> values) {
        List<byte[]> opened = new ArrayList<>(values.size());
        for (Ciphertext value : values) {
            SealedValue sealed = value.sealed();
            if (!keyId.equals(sealed.keyId())) {
                throw new KeyProviderException("value was sealed with key " + sealed.keyId() + ", not the configured " + keyId, false, null);
            }
            byte[] data = sealed.ciphertext();
            if (data.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new KeyProviderException("ciphertext too short", false, null);
            }
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
                cipher.updateAAD(value.boundTo());
                opened.add(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
            } catch (GeneralSecurityException e) {
                throw new KeyProviderException("ciphertext does not authenticate for this tenant, owner and name", false, e);
            }
        }
        return opened;
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    private static String fingerprint(byte[] keyBytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBytes);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
