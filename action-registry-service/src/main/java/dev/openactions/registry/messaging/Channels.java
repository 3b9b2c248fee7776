package dev.openactions.registry.messaging;

/** Reactive Messaging channel names of this service (kebab-case; topics are set in application.properties). */
public final class Channels {
    /** Outgoing flow snapshots, to topic actions.flows. */
    public static final String ACTIONS_FLOWS = "actions-flows";
    /** Incoming execution records, from topic actions.executions (consumer group action-registry). */
    public static final String ACTIONS_EXECUTIONS = "actions-executions";

    private Channels() {
    }
}
