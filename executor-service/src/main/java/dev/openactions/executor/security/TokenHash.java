package dev.openactions.executor.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 of a compact JWT, the key of {@link VerifiedTokens}: the cache holds no bearer token as a
 * key, and a token changed in any byte (header, claims or signature) has another hash, so it is verified
 * in full. The whole token is hashed on purpose: RS256 signatures are deterministic, but keying on the
 * signature segment alone would let a token with altered claims and the original signature hit the cache.
 */
record TokenHash(long a, long b, long c, long d) {
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static TokenHash of(String token) {
        // UTF-8, not US-ASCII: a lossy encoding would map different (invalid) tokens to one hash
        ByteBuffer digest = ByteBuffer.wrap(digest().digest(token.getBytes(StandardCharsets.UTF_8)));
        return new TokenHash(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
    }

    private static MessageDigest digest() {
        try {
            // a clone skips the provider lookup of getInstance; MessageDigest itself is not thread-safe
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the SHA-256 implementation cannot be cloned", e);
        }
    }

    @Override
    public String toString() {
        return "TokenHash[" + Long.toHexString(a) + "…]";
    }
}
