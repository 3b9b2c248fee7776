package dev.openactions.executor.security;

/**
 * OAuth2 scopes of the executor's endpoints and of its own calls. Scopes arrive in the token's
 * space-separated {@code scope} claim and become roles ({@code smallrye.jwt.path.groups=scope}).
 */
public final class Scopes {
    /** The auth server running a tenant's synchronous flows (the token names the tenant). */
    public static final String EXECUTE_FLOWS = "execute:flows";
    /** The registry's service identity: build checks of new versions. */
    public static final String BUILD_ACTIONS = "build:actions";
    /** The registry's service identity: test runs of drafts (they may decrypt the action's secrets). */
    public static final String TEST_ACTIONS = "test:actions";
    /** Operators: dead-letter replay and other operator endpoints. */
    public static final String ADMIN = "admin:executor";

    /**
     * What the executor's service identity asks for: decrypting actions' secrets (secrets-service) and
     * reading dependency bundles (action-registry-service).
     */
    public static final String SERVICE_IDENTITY = "decrypt:secrets read:dependency-bundles";

    private Scopes() {}
}
