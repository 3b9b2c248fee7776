package dev.openactions.secrets.keys;

import java.util.List;

/**
 * Encrypts and decrypts secret values. {@code boundTo} is the associated data (AES-GCM AAD, or the
 * Transit context): a ciphertext only opens with the same binding it was sealed with, so a value
 * copied into another row, owner or tenant does not decrypt.
 *
 * <p>Keys are versioned: {@link #seal} always uses the latest version, {@link #open} accepts every
 * version from {@link KeyStatus#minDecryptionVersion()} up. {@link #rotate} adds a version,
 * {@link #rewrap} moves values to the latest one and {@link #retireBelow} makes older ones unusable.
 */
public interface KeyProvider {

    List<SealedValue> seal(List<Plaintext> values);

    /** @throws KeyProviderException if any value fails to authenticate or the backend is unreachable */
    List<byte[]> open(List<Ciphertext> values);

    /**
     * Re-seals each value under the latest key version (Vault: the rewrap API, the plaintext never
     * leaves Vault). One result per value, in order; a value that does not authenticate fails alone.
     *
     * @throws KeyProviderException only when the backend is unreachable
     */
    List<Rewrapped> rewrap(List<Ciphertext> values);

    /** Adds a key version, which seals every value from now on; returns its number. */
    int rotate();

    /** Makes versions below {@code minVersion} unusable for decryption. Irreversible for the local keyring. */
    void retireBelow(int minVersion);

    /** The key's id and versions, as the backend sees them now (may call the backend). */
    KeyStatus status();

    /** Probe for readiness; may call the backend (never call it on an event-loop thread). */
    boolean isAvailable();

    record Plaintext(byte[] value, byte[] boundTo) {
        @Override
        public String toString() {
            return "Plaintext[***]";
        }
    }

    record Ciphertext(SealedValue sealed, byte[] boundTo) {}

    /** The id stored with every value, the version new values get and the oldest version that still decrypts. */
    record KeyStatus(String keyId, int latestVersion, int minDecryptionVersion) {}

    /** Outcome of rewrapping one value: the new sealed value, or why it could not be rewrapped (never the value). */
    record Rewrapped(SealedValue sealed, String error) {
        public static Rewrapped ok(SealedValue sealed) {
            return new Rewrapped(sealed, null);
        }

        public static Rewrapped failed(String error) {
            return new Rewrapped(null, error);
        }

        public boolean succeeded() {
            return sealed != null;
        }
    }
}
