package dev.openactions.contracts;

/** Kafka topics shared between services. Keys are always prefixed with the tenant id. */
public final class Topics {
    /** Compacted; key {@code {tenant}/{triggerId}}; value a {@link FlowSnapshot}. Registry → executor. */
    public static final String ACTIONS_FLOWS = "actions.flows";
    /** Key {@code {tenant}/{executionId}}; execution records. Executor → registry. */
    public static final String ACTIONS_EXECUTIONS = "actions.executions";
    /** CloudEvents from the auth server; key {@code {tenant}/{user_id}}; runs post-user-registration. */
    public static final String IDENTITY_USER_REGISTERED = "identity.user-registered";
    /** CloudEvents from the auth server; key {@code {tenant}/{user_id}}; runs post-change-password. */
    public static final String IDENTITY_PASSWORD_CHANGED = "identity.password-changed";

    private Topics() {}

    /** The record key of a tenant-scoped aggregate: tenants never share a key. */
    public static String key(String tenantId, String id) {
        return tenantId + "/" + id;
    }
}
