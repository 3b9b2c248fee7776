package dev.openactions.secrets.keys;

/** A ciphertext with the key id and key version that produced it (stored next to it). */
public record SealedValue(String keyId, int keyVersion, byte[] ciphertext) {
    @Override
    public String toString() {
        return "SealedValue[keyId=" + keyId + ", keyVersion=" + keyVersion + ", " + ciphertext.length + " bytes]";
    }
}
