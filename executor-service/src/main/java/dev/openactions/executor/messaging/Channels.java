package dev.openactions.executor.messaging;

/**
 * Reactive Messaging channel names of the flow view's topics (topics are set in application.properties);
 * the identity channels' names are in {@code events/IdentityChannels}.
 */
public final class Channels {
    /** Outgoing execution records → actions.executions. */
    public static final String EXECUTIONS = "actions-executions";

    private Channels() {}
}
