package dev.openactions.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair that signs tokens in local mode and in tests: generated on first use into a
 * directory (PEM files, the private one readable by its owner only) and reused afterwards, so tokens
 * minted by {@code deploy/local/token.sh} stay valid across restarts of the local stack. Production
 * never uses this: there the services verify tokens against the identity provider's JWKS.
 */
public record SigningKeys(Path privateKey, Path publicKey) {
    public static final String PRIVATE_FILE = "jwt-signing-key.pem";
    public static final String PUBLIC_FILE = "jwt-verify-key.pem";
    public static final String CONTINUATION_FILE = "continuation-signing-key";

    /** The pair in {@code dir}, created if absent. Safe to call from several JVMs at once. */
    public static SigningKeys inDirectory(Path dir) {
        SigningKeys keys = new SigningKeys(dir.resolve(PRIVATE_FILE), dir.resolve(PUBLIC_FILE));
        if (Files.isRegularFile(keys.privateKey()) && Files.isRegularFile(keys.publicKey())) {
            return keys;
        }
        try {
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            // written to temporary files and moved into place, so a concurrent reader never sees half a key
            Path privateTmp = Files.createTempFile(
                    dir,
                    "private",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(privateTmp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Path publicTmp = Files.createTempFile(dir, "public", ".tmp");
            Files.writeString(publicTmp, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.move(
                    publicTmp, keys.publicKey(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.move(
                    privateTmp, keys.privateKey(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write signing keys to " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The base64 HMAC key with which every executor replica of this stack signs continuation tokens
     * (32 random bytes in {@code continuation-signing-key} beside the pair, created if absent): a
     * login suspended on one replica resumes on another, and after a restart.
     */
    public String continuationKey() {
        Path file = privateKey().resolveSibling(CONTINUATION_FILE);
        try {
            if (!Files.isRegularFile(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Path tmp = Files.createTempFile(
                        file.getParent(),
                        "continuation",
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, Base64.getEncoder().encodeToString(key));
                try {
                    Files.createLink(file, tmp); // atomic, and fails if another JVM created the key first: use theirs
                } catch (FileAlreadyExistsException raced) {
                    // keep the first key
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the continuation signing key " + file, e);
        }
    }

    /** The private key, for signing. */
    public PrivateKey loadPrivateKey() {
        try {
            String pem = Files.readString(privateKey(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder()
                    .decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an RSA private key: " + privateKey(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
