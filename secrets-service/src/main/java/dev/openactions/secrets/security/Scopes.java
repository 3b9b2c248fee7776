package dev.openactions.secrets.security;

/**
 * OAuth2 scopes of the secrets service. Its callers are platform services with their own identities
 * (ADR 8): the registry writes values and lists names, the executor alone decrypts, operators rotate
 * keys and read the audit trail. Scopes arrive in the token's space-separated {@code scope} claim
 * and become roles.
 */
public final class Scopes {
    public static final String READ_SECRETS = "read:secrets";
    public static final String WRITE_SECRETS = "write:secrets";
    /** Clear-text values: granted to the executor's identity only. */
    public static final String DECRYPT_SECRETS = "decrypt:secrets";

    public static final String READ_AUDIT = "read:audit";
    public static final String ADMIN_KEYS = "admin:keys";

    private Scopes() {}
}
