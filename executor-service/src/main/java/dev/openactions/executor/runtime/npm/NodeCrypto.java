package dev.openactions.executor.runtime.npm;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JDK side of Node's {@code crypto} extras for npm packages: signatures (RSA PKCS#1 v1.5 and
 * ECDSA with PEM keys), PBKDF2 and the common AES ciphers. Only base64 strings cross the boundary;
 * every failure is a message for the action ({@link IllegalArgumentException}), never a host object.
 */
final class NodeCrypto {
    private static final Base64.Decoder B64 = Base64.getDecoder();
    private static final Base64.Encoder B64E = Base64.getEncoder();
    private static final Map<String, String> DIGESTS = Map.of(
            "sha1", "SHA1", "sha224", "SHA224", "sha256", "SHA256", "sha384", "SHA384", "sha512", "SHA512", "md5",
            "MD5");
    private static final int MAX_PBKDF2_ITERATIONS = 1_000_000;

    private NodeCrypto() {}

    /** Node algorithm names: {@code sha256}, {@code RSA-SHA256}, {@code SHA256}, {@code ecdsa-with-SHA256}. */
    private static String digest(String algorithm) {
        String name = algorithm
                .toLowerCase(Locale.ROOT)
                .replace("rsa-", "")
                .replace("ecdsa-with-", "")
                .replace("-", "");
        String digest = DIGESTS.get(name);
        if (digest == null) {
            throw new IllegalArgumentException("Invalid digest: " + algorithm);
        }
        return digest;
    }

    /** {"type": "private"|"public", "asymmetricKeyType": "rsa"|"ec"} of a PEM key, or an error. */
    static String describe(String pem) {
        try {
            if (pem.contains("PRIVATE KEY")) {
                return "{\"type\":\"private\",\"asymmetricKeyType\":\"" + kind(privateKey(pem)) + "\"}";
            }
            return "{\"type\":\"public\",\"asymmetricKeyType\":\"" + kind(publicKey(pem)) + "\"}";
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("error:1E08010C:DECODER routines::unsupported key");
        }
    }

    private static String kind(Key key) {
        return key instanceof ECKey ? "ec" : "rsa";
    }

    static String sign(String algorithm, String pem, String data) {
        try {
            PrivateKey key = privateKey(pem);
            Signature signature =
                    Signature.getInstance(digest(algorithm) + "with" + (key instanceof ECKey ? "ECDSA" : "RSA"));
            signature.initSign(key);
            signature.update(B64.decode(data));
            return B64E.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("sign failed: " + e.getMessage());
        }
    }

    static boolean verify(String algorithm, String pem, String data, String sig) {
        try {
            PublicKey key = pem.contains("PRIVATE KEY") ? publicOf(privateKey(pem)) : publicKey(pem);
            Signature signature =
                    Signature.getInstance(digest(algorithm) + "with" + (key instanceof ECKey ? "ECDSA" : "RSA"));
            signature.initVerify(key);
            signature.update(B64.decode(data));
            return signature.verify(B64.decode(sig));
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("verify failed: " + e.getMessage());
        }
    }

    static String pbkdf2(String password, String salt, int iterations, int length, String digestName) {
        if (iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS || length < 0 || length > 1024) {
            throw new IllegalArgumentException(
                    "pbkdf2: iterations must be 1.." + MAX_PBKDF2_ITERATIONS + " and keylen 0..1024");
        }
        try {
            // The JDK's PBEKeySpec takes chars, Node's password is bytes: PBKDF2 over an HMAC keyed with them.
            Mac mac = Mac.getInstance("Hmac" + digest(digestName));
            byte[] key = B64.decode(password);
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, mac.getAlgorithm()));
            if (key.length == 0) {
                return B64E.encodeToString(emptyPasswordPbkdf2(B64.decode(salt), iterations, length, digestName));
            }
            return B64E.encodeToString(pbkdf2(mac, B64.decode(salt), iterations, length));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("pbkdf2 failed: " + e.getMessage());
        }
    }

    private static byte[] emptyPasswordPbkdf2(byte[] salt, int iterations, int length, String digestName)
            throws GeneralSecurityException {
        SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmac" + digest(digestName));
        return factory.generateSecret(new PBEKeySpec(new char[0], salt, iterations, length * 8))
                .getEncoded();
    }

    /** RFC 8018 PBKDF2 over an initialised HMAC (the JDK's PBEKeySpec only takes char passwords). */
    private static byte[] pbkdf2(Mac mac, byte[] salt, int iterations, int length) {
        int hashLength = mac.getMacLength();
        byte[] out = new byte[length];
        for (int block = 1, offset = 0; offset < length; block++, offset += hashLength) {
            mac.update(salt);
            mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
            byte[] u = mac.doFinal();
            byte[] t = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < t.length; j++) {
                    t[j] ^= u[j];
                }
            }
            System.arraycopy(t, 0, out, offset, Math.min(hashLength, length - offset));
        }
        return out;
    }

    /**
     * One-shot AES (cbc with PKCS#7 padding, ctr, gcm). Returns JSON {"data": b64, "tag": b64|null}.
     * Decrypting GCM checks {@code tag}.
     */
    static String cipher(
            String algorithm,
            String key,
            String iv,
            String data,
            String aad,
            String tag,
            boolean encrypt,
            boolean autoPadding) {
        String name = algorithm.toLowerCase(Locale.ROOT);
        String[] parts = name.split("-");
        if (parts.length != 3
                || !parts[0].equals("aes")
                || !(parts[1].equals("128") || parts[1].equals("192") || parts[1].equals("256"))) {
            throw new IllegalArgumentException("Unknown cipher: " + algorithm);
        }
        byte[] keyBytes = B64.decode(key);
        if (keyBytes.length * 8 != Integer.parseInt(parts[1])) {
            throw new IllegalArgumentException("Invalid key length");
        }
        try {
            int mode = encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
            SecretKeySpec spec = new SecretKeySpec(keyBytes, "AES");
            byte[] input = B64.decode(data);
            switch (parts[2]) {
                case "cbc", "ecb" -> {
                    Cipher c = Cipher.getInstance("AES/" + parts[2].toUpperCase(Locale.ROOT) + "/"
                            + (autoPadding ? "PKCS5Padding" : "NoPadding"));
                    if (parts[2].equals("cbc")) {
                        c.init(mode, spec, new IvParameterSpec(B64.decode(iv)));
                    } else {
                        c.init(mode, spec);
                    }
                    return result(c.doFinal(input), null);
                }
                case "ctr" -> {
                    Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
                    c.init(mode, spec, new IvParameterSpec(B64.decode(iv)));
                    return result(c.doFinal(input), null);
                }
                case "gcm" -> {
                    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                    c.init(mode, spec, new GCMParameterSpec(128, B64.decode(iv)));
                    if (aad != null) {
                        c.updateAAD(B64.decode(aad));
                    }
                    if (encrypt) {
                        byte[] out = c.doFinal(input);
                        byte[] body = Arrays.copyOfRange(out, 0, out.length - 16);
                        return result(body, Arrays.copyOfRange(out, out.length - 16, out.length));
                    }
                    if (tag == null) {
                        throw new IllegalArgumentException("Unsupported state or unable to authenticate data");
                    }
                    byte[] tagBytes = B64.decode(tag);
                    byte[] joined = Arrays.copyOf(input, input.length + tagBytes.length);
                    System.arraycopy(tagBytes, 0, joined, input.length, tagBytes.length);
                    return result(c.doFinal(joined), null);
                }
                default -> throw new IllegalArgumentException("Unknown cipher: " + algorithm);
            }
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("Unsupported state or unable to authenticate data");
        } catch (BadPaddingException e) {
            throw new IllegalArgumentException("bad decrypt");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(algorithm + ": " + e.getMessage());
        }
    }

    private static String result(byte[] data, byte[] tag) {
        return "{\"data\":\"" + B64E.encodeToString(data) + "\",\"tag\":"
                + (tag == null ? "null" : "\"" + B64E.encodeToString(tag) + "\"") + "}";
    }

    // ---- PEM ---------------------------------------------------------------------------------------

    private static byte[] der(String pem, String label) {
        int begin = pem.indexOf("-----BEGIN " + label + "-----");
        int end = pem.indexOf("-----END " + label + "-----");
        if (begin < 0 || end < 0) {
            return null;
        }
        String body = pem.substring(begin + label.length() + 16, end).replaceAll("\\s", "");
        return B64.decode(body);
    }

    static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        byte[] pkcs8 = der(pem, "PRIVATE KEY");
        if (pkcs8 != null) {
            try {
                return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException notRsa) {
                return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            }
        }
        byte[] pkcs1 = der(pem, "RSA PRIVATE KEY");
        if (pkcs1 != null) {
            // PKCS#8 = SEQUENCE { INTEGER 0, AlgorithmIdentifier rsaEncryption NULL, OCTET STRING pkcs1 }
            byte[] algorithm = {
                0x30,
                0x0d,
                0x06,
                0x09,
                0x2a,
                (byte) 0x86,
                0x48,
                (byte) 0x86,
                (byte) 0xf7,
                0x0d,
                0x01,
                0x01,
                0x01,
                0x05,
                0x00
            };
            byte[] inner = concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, pkcs1));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(tlv(0x30, inner)));
        }
        throw new GeneralSecurityException("unsupported private key format (PKCS#8 or PKCS#1 PEM expected)");
    }

    static PublicKey publicKey(String pem) throws GeneralSecurityException {
        byte[] spki = der(pem, "PUBLIC KEY");
        if (spki != null) {
            try {
                return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
            } catch (GeneralSecurityException notRsa) {
                return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
            }
        }
        byte[] certificate = der(pem, "CERTIFICATE");
        if (certificate != null) {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate))
                    .getPublicKey();
        }
        if (pem.contains("PRIVATE KEY")) {
            return publicOf(privateKey(pem));
        }
        throw new GeneralSecurityException("unsupported public key format (SPKI PEM or certificate expected)");
    }

    private static PublicKey publicOf(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        throw new GeneralSecurityException("pass the public key to verify with an EC key");
    }

    private static byte[] tlv(int tag, byte[] value) {
        byte[] length;
        if (value.length < 0x80) {
            length = new byte[] {(byte) value.length};
        } else {
            byte[] n = BigInteger.valueOf(value.length).toByteArray();
            int skip = n[0] == 0 ? 1 : 0;
            length = new byte[n.length - skip + 1];
            length[0] = (byte) (0x80 | (n.length - skip));
            System.arraycopy(n, skip, length, 1, n.length - skip);
        }
        return concat(new byte[] {(byte) tag}, length, value);
    }

    private static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] p : parts) {
            size += p.length;
        }
        byte[] out = new byte[size];
        int offset = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, offset, p.length);
            offset += p.length;
        }
        return out;
    }
}
