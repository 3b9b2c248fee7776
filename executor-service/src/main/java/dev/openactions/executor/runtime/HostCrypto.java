package dev.openactions.executor.runtime;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hashing, HMAC and randomness for the sandbox's {@code crypto}; bytes travel as base64 strings. */
final class HostCrypto {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> DIGESTS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    private HostCrypto() {}

    static String hash(String algorithm, String dataB64) {
        try {
            return b64(MessageDigest.getInstance(checked(algorithm))
                    .digest(Base64.getDecoder().decode(dataB64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unsupported digest " + algorithm);
        }
    }

    static String hmac(String algorithm, String keyB64, String dataB64) {
        String macName = "Hmac" + checked(algorithm).replace("-", "");
        try {
            Mac mac = Mac.getInstance(macName);
            byte[] key = Base64.getDecoder().decode(keyB64);
            // an empty HMAC key is legal in Node; the JCE refuses it, so use a single zero byte (same result)
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, macName));
            return b64(mac.doFinal(Base64.getDecoder().decode(dataB64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unsupported HMAC " + algorithm);
        }
    }

    static String random(int bytes) {
        if (bytes < 0 || bytes > 65536) {
            throw new IllegalArgumentException("random bytes must be between 0 and 65536");
        }
        byte[] out = new byte[bytes];
        RANDOM.nextBytes(out);
        return b64(out);
    }

    private static String checked(String algorithm) {
        if (!DIGESTS.contains(algorithm)) {
            throw new IllegalArgumentException("unsupported digest " + algorithm);
        }
        return algorithm;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
