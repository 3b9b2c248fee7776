package dev.openactions.executor.flow;

import dev.openactions.contracts.ExecutionRecord;

/**
 * Where the flow runner hands a finished flow's execution record. Declared here and implemented by
 * the messaging side (Kafka), so the flow layer never imports what sits above it.
 */
public interface ExecutionRecordSink {
    /**
     * Takes the record without delaying the flow: a record that cannot be delivered is the sink's
     * problem (counted and logged), never the flow's.
     *
     * @param key the record key, {@code tenant/execution id}
     */
    void publish(String key, ExecutionRecord record);
}
