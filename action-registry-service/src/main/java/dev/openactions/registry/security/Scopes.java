package dev.openactions.registry.security;

/**
 * The OAuth2 scopes of the registry's Management API (Auth0's names) and of the calls the registry
 * itself makes with its service identity. Scopes arrive in the token's space-separated
 * {@code scope} claim and become roles ({@code smallrye.jwt.path.groups=scope}).
 */
public final class Scopes {
    public static final String READ_ACTIONS = "read:actions";
    public static final String CREATE_ACTIONS = "create:actions";
    public static final String UPDATE_ACTIONS = "update:actions";
    public static final String DELETE_ACTIONS = "delete:actions";

    /** The executor's service identity: fetching resolved npm trees ({@code GET /internal/v1/dependency-bundles/{hash}}). */
    public static final String READ_DEPENDENCY_BUNDLES = "read:dependency-bundles";
    /** Marketplace partners (their token also names the partner): create and edit their integrations. */
    public static final String CREATE_INTEGRATIONS = "create:integrations";
    /** Marketplace partners: submit a version for review, publish an approved one, unlist, withdraw. */
    public static final String SUBMIT_INTEGRATIONS = "submit:integrations";
    /** Platform operators who review submitted integration versions (code, manifest, evidence). */
    public static final String REVIEW_INTEGRATIONS = "review:integrations";

    /** What the registry's service identity asks for: secret writes and the executor's build checks and test runs. */
    public static final String SERVICE_IDENTITY = "read:secrets write:secrets build:actions test:actions";

    private Scopes() {}
}
