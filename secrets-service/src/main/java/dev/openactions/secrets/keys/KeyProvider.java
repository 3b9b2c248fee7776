package dev.openactions.secrets.keys;

import java.util.List;

/**
 * Encrypts and decrypts secret values. {@code boundTo} is the associated data (AES-GCM AAD, or the
 * Transit context): a ciphertext only opens with the same binding it was sealed with, so a value
 * copied into another row, owner or tenant does not decrypt.
 */
public interface KeyProvider {

    List<SealedValue> seal(List<Plaintext> values);

    /** @throws KeyProviderException if any value fails to authenticate or the backend is unreachable */
    List<byte[]> open(List<Ciphertext> values);

    /** Probe for readiness; may call the backend (never call it on an event-loop thread). */
    boolean isAvailable();

    record Plaintext(byte[] value, byte[] boundTo) {
        @Override
        public String toString() {
            return "Plaintext[***]";
        }
    }

    record Ciphertext(SealedValue sealed, byte[] boundTo) {
    }
}
