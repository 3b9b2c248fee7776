package dev.openactions.secrets.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The local provider's key versions, immutable. Two file formats:
 * <ul>
 * <li>legacy (what the first start generates): exactly 32 raw bytes, the only version, 1, with the
 * key id {@code local:} + a fingerprint of those bytes;</li>
 * <li>keyring (what a rotation writes): text lines {@code id=local:…} and {@code <version>=<base64 key>};
 * the highest version seals, every listed one opens. The id stays the one of the original key, so
 * rows keep their key id across rotations and only their version changes.</li>
 * </ul>
 */
final class LocalKeyring {
    static final int KEY_BYTES = 32;
    private static final String HEADER = """
            # OpenActions secrets keyring (secrets.local.key-file). Keep it secret (mode 0600) and back it up
            # after every rotation: values sealed with a version that is lost cannot be decrypted.
            # The highest version encrypts; every listed version decrypts.
            """;

    private final String keyId;
    private final NavigableMap<Integer, byte[]> versions;

    private LocalKeyring(String keyId, NavigableMap<Integer, byte[]> versions) {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a keyring needs at least one key version");
        }
        versions.values().forEach(LocalKeyring::checkLength);
        this.keyId = keyId;
        this.versions = Collections.unmodifiableNavigableMap(versions);
    }

    /** A single key as version 1, with the id the first release derived from it. */
    static LocalKeyring single(byte[] key) {
        checkLength(key);
        NavigableMap<Integer, byte[]> versions = new TreeMap<>();
        versions.put(1, key.clone());
        return new LocalKeyring("local:" + fingerprint(key), versions);
    }

    static LocalKeyring read(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        if (content.length == KEY_BYTES) {
            return single(content);
        }
        String id = null;
        NavigableMap<Integer, byte[]> versions = new TreeMap<>();
        for (String raw : new String(content, StandardCharsets.UTF_8).split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 1) {
                throw new IOException(
                        "malformed line in the keyring " + file + " (expected id=… or <version>=<base64 key>)");
            }
            String name = line.substring(0, eq);
            String value = line.substring(eq + 1);
            if (name.equals("id")) {
                id = value;
            } else {
                try {
                    versions.put(Integer.parseInt(name), Base64.getDecoder().decode(value));
                } catch (IllegalArgumentException e) {
                    // never include the line: it is key material
                    throw new IOException("malformed key version '" + name + "' in the keyring " + file);
                }
            }
        }
        if (id == null || versions.isEmpty()) {
            throw new IOException("the keyring " + file + " has no id or no key version");
        }
        return new LocalKeyring(id, versions);
    }

    /** Writes to a new file with mode 0600 and moves it over {@code file} atomically. */
    void write(Path file) throws IOException {
        StringBuilder text =
                new StringBuilder(HEADER).append("id=").append(keyId).append('\n');
        versions.forEach((version, key) -> text.append(version)
                .append('=')
                .append(Base64.getEncoder().encodeToString(key))
                .append('\n'));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(
                dir,
                file.getFileName().toString(),
                ".new",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel channel =
                    FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    LocalKeyring withVersion(byte[] key) {
        NavigableMap<Integer, byte[]> next = new TreeMap<>(versions);
        next.put(latest() + 1, key.clone());
        return new LocalKeyring(keyId, next);
    }

    LocalKeyring withoutVersionsBelow(int minVersion) {
        if (minVersion > latest()) {
            throw new IllegalArgumentException("cannot retire the latest key version " + latest());
        }
        return new LocalKeyring(keyId, new TreeMap<>(versions.tailMap(minVersion, true)));
    }

    String keyId() {
        return keyId;
    }

    int latest() {
        return versions.lastKey();
    }

    int oldest() {
        return versions.firstKey();
    }

    /** The key of a version, or null if the keyring does not (or no longer) hold it. */
    byte[] key(int version) {
        return versions.get(version);
    }

    Map<Integer, byte[]> versions() {
        return versions;
    }

    private static void checkLength(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the local key must be 32 bytes (AES-256), got " + key.length);
        }
    }

    private static String fingerprint(byte[] keyBytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBytes);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "LocalKeyring[" + keyId + ", versions=" + versions.keySet() + "]";
    }
}
