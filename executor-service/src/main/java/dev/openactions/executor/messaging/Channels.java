package dev.openactions.executor.messaging;

/** Reactive Messaging channel names of this service (topics are set in application.properties). */
public final class Channels {
    /** identity.user-registered → post-user-registration. */
    public static final String USER_REGISTERED = "identity-user-registered";
    /** identity.password-changed → post-change-password. */
    public static final String PASSWORD_CHANGED = "identity-password-changed";

    /** Outgoing execution records → actions.executions. */
    public static final String EXECUTIONS = "actions-executions";

    private Channels() {
    }
}
