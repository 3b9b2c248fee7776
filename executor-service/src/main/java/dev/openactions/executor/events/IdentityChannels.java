package dev.openactions.executor.events;

/** Reactive Messaging channel names of the identity events (topics are set in application.properties). */
public final class IdentityChannels {
    /** identity.user-registered → post-user-registration. */
    public static final String USER_REGISTERED = "identity-user-registered";
    /** identity.password-changed → post-change-password. */
    public static final String PASSWORD_CHANGED = "identity-password-changed";

    /** {@code <topic>.retry}: failed identity events waiting for their next attempt (ADR 0007). */
    public static final String USER_REGISTERED_RETRY = "identity-user-registered-retry";

    public static final String PASSWORD_CHANGED_RETRY = "identity-password-changed-retry";
    /** Outgoing failed identity events → their retry topic (set per record). */
    public static final String RETRIES = "identity-retries";

    private IdentityChannels() {}
}
