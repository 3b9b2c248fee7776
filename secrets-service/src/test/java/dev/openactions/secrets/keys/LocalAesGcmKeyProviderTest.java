package dev.openactions.secrets.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local key file: the first release's raw key keeps working, and rotation turns it into a keyring. */
class LocalAesGcmKeyProviderTest {
    private static final byte[] BINDING = "tenant\0owner\0NAME".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private static KeyProvider.Ciphertext ciphertext(SealedValue sealed) {
        return new KeyProvider.Ciphertext(sealed, BINDING);
    }

    private static SealedValue seal(KeyProvider keys, String value) {
        return keys.seal(List.of(new KeyProvider.Plaintext(value.getBytes(StandardCharsets.UTF_8), BINDING)))
                .get(0);
    }

    private static String open(KeyProvider keys, SealedValue sealed) {
        return new String(keys.open(List.of(ciphertext(sealed))).get(0), StandardCharsets.UTF_8);
    }

    @Test
    void generatesARawKeyWithOwnerOnlyPermissions() throws Exception {
        Path file = dir.resolve("keys/kek");
        LocalAesGcmKeyProvider keys = LocalAesGcmKeyProvider.fromFile(file);
        assertThat(Files.size(file)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(keys.status()).isEqualTo(new KeyProvider.KeyStatus(keys.keyId(), 1, 1));
    }

    @Test
    void rotationKeepsTheLegacyKeyIdAndOldValuesOpenUntilRetired() throws Exception {
        Path file = dir.resolve("kek");
        byte[] legacy = new byte[32];
        new SecureRandom().nextBytes(legacy);
        Files.write(file, legacy);
        LocalAesGcmKeyProvider keys = LocalAesGcmKeyProvider.fromFile(file);
        String legacyId = new LocalAesGcmKeyProvider(legacy).keyId();
        assertThat(keys.keyId()).isEqualTo(legacyId);
        SealedValue v1 = seal(keys, "sealed-with-v1");
        assertThat(v1.keyVersion()).isEqualTo(1);

        assertThat(keys.rotate()).isEqualTo(2);
        SealedValue v2 = seal(keys, "sealed-with-v2");
        assertThat(v2.keyId()).isEqualTo(legacyId);
        assertThat(v2.keyVersion()).isEqualTo(2);
        assertThat(open(keys, v1)).isEqualTo("sealed-with-v1");
        assertThat(open(keys, v2)).isEqualTo("sealed-with-v2");

        String keyring = Files.readString(file);
        assertThat(keyring)
                .contains("id=" + legacyId)
                .containsPattern("(?m)^1=")
                .containsPattern("(?m)^2=");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var stream = Files.list(dir)) {
            assertThat(stream).containsExactly(file); // no temporary file left behind
        }

        // a restart reads the keyring back
        LocalAesGcmKeyProvider restarted = LocalAesGcmKeyProvider.fromFile(file);
        assertThat(restarted.status()).isEqualTo(new KeyProvider.KeyStatus(legacyId, 2, 1));
        assertThat(open(restarted, v1)).isEqualTo("sealed-with-v1");

        KeyProvider.Rewrapped rewrapped =
                restarted.rewrap(List.of(ciphertext(v1))).get(0);
        assertThat(rewrapped.succeeded()).isTrue();
        assertThat(rewrapped.sealed().keyVersion()).isEqualTo(2);
        assertThat(open(restarted, rewrapped.sealed())).isEqualTo("sealed-with-v1");

        restarted.retireBelow(2);
        assertThat(Files.readString(file)).doesNotContainPattern("(?m)^1=").containsPattern("(?m)^2=");
        assertThat(restarted.status().minDecryptionVersion()).isEqualTo(2);
        assertThatThrownBy(() -> open(restarted, v1))
                .isInstanceOf(KeyProviderException.class)
                .hasMessageContaining("not in the keyring")
                .satisfies(e ->
                        assertThat(((KeyProviderException) e).unavailable()).isFalse());
        assertThat(open(LocalAesGcmKeyProvider.fromFile(file), rewrapped.sealed()))
                .isEqualTo("sealed-with-v1");
    }

    @Test
    void aValueThatDoesNotAuthenticateFailsAloneInARewrap() {
        LocalAesGcmKeyProvider keys = LocalAesGcmKeyProvider.fromFile(dir.resolve("kek"));
        SealedValue good = seal(keys, "good");
        SealedValue moved = seal(keys, "moved");
        keys.rotate();
        List<KeyProvider.Rewrapped> results = keys.rewrap(List.of(
                ciphertext(good), new KeyProvider.Ciphertext(moved, "another\0row".getBytes(StandardCharsets.UTF_8))));
        assertThat(results.get(0).succeeded()).isTrue();
        assertThat(results.get(1).succeeded()).isFalse();
        assertThat(results.get(1).error()).doesNotContain("moved");

        assertThatThrownBy(() -> keys.open(List.of(
                        new KeyProvider.Ciphertext(moved, "x".getBytes(StandardCharsets.UTF_8)),
                        ciphertext(good),
                        new KeyProvider.Ciphertext(good, "y".getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(KeyProviderException.class)
                .satisfies(e ->
                        assertThat(((KeyProviderException) e).failedItems()).containsExactlyInAnyOrder(0, 2));
    }

    @Test
    void picksUpAVersionAnotherProcessAddedToTheSharedFile() {
        Path file = dir.resolve("kek");
        LocalAesGcmKeyProvider first = LocalAesGcmKeyProvider.fromFile(file);
        LocalAesGcmKeyProvider second = LocalAesGcmKeyProvider.fromFile(file);
        second.rotate();
        SealedValue fromSecond = seal(second, "from-the-other-process");
        assertThat(open(first, fromSecond)).isEqualTo("from-the-other-process");
        assertThat(first.status().latestVersion()).isEqualTo(2);
    }

    @Test
    void refusesAKeyringWithMalformedContentWithoutQuotingIt() throws Exception {
        Path file = dir.resolve("kek");
        Files.writeString(file, "id=local:abc\n1=not-base64-SECRETISH\n");
        assertThatThrownBy(() -> LocalAesGcmKeyProvider.fromFile(file))
                .hasMessageContaining(file.toString())
                .satisfies(e -> assertThat(e.getCause().getMessage()).doesNotContain("SECRETISH"));
    }
}
