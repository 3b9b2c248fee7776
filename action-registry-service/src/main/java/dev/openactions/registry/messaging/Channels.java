package dev.openactions.registry.messaging;

/** Reactive Messaging channel names of this service (kebab-case; topics are set in application.properties). */
public final class Channels {
    /** Outgoing flow snapshots, to topic actions.flows. */
    public static final String ACTIONS_FLOWS = "actions-flows";
    /** Incoming execution records, from topic actions.executions (consumer group action-registry). */
    public static final String ACTIONS_EXECUTIONS = "actions-executions";

    /** Outgoing execution records the database refused, to topic actions.executions.dlq. */
    public static final String ACTIONS_EXECUTIONS_DLQ = "actions-executions-dlq";

    private Channels() {}
}
