package dev.openactions.npm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks a tarball against its version's {@code dist.integrity} (Subresource Integrity: one or more
 * {@code <alg>-<base64 digest>}, npm publishes sha512), or, for old packages without it, against
 * {@code dist.shasum} (hex SHA-1). The strongest algorithm given is used; digests are the JDK's.
 */
final class Integrity {
    private static final List<String> STRONGEST_FIRST = List.of("sha512", "sha384", "sha256", "sha1");

    private Integrity() {}

    /** Fails with {@code dependency_integrity_mismatch} naming {@code label} unless the tarball matches. */
    static void verify(byte[] tarball, String integrity, String shasum, String label) {
        if (integrity != null && !integrity.isBlank()) {
            String[] entries = integrity.trim().split("\\s+");
            for (String algorithm : STRONGEST_FIRST) {
                for (String entry : entries) {
                    if (entry.startsWith(algorithm + "-")) {
                        String expected =
                                entry.substring(algorithm.length() + 1).replaceAll("\\?.*$", "");
                        String actual = Base64.getEncoder().encodeToString(digest(algorithm, tarball));
                        if (!actual.equals(expected)) {
                            throw mismatch(label, algorithm);
                        }
                        return;
                    }
                }
            }
        }
        if (shasum != null && !shasum.isBlank()) {
            if (!HexFormat.of().formatHex(digest("sha1", tarball)).equalsIgnoreCase(shasum.trim())) {
                throw mismatch(label, "sha1");
            }
            return;
        }
        throw DependencyFailure.integrity("the registry gives no integrity (dist.integrity or dist.shasum) for " + label
                + "; its tarball cannot be verified");
    }

    private static DependencyFailure mismatch(String label, String algorithm) {
        return DependencyFailure.integrity("the tarball of " + label + " does not match its published integrity ("
                + algorithm + "); it was not used");
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        String jdkName = switch (algorithm) {
            case "sha512" -> "SHA-512";
            case "sha384" -> "SHA-384";
            case "sha256" -> "SHA-256";
            default -> "SHA-1";
        };
        try {
            return MessageDigest.getInstance(jdkName).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jdkName + " is part of every JDK", e);
        }
    }
}
