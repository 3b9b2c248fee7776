/**
 * The flow view's own topics: flow snapshots in ({@code actions.flows}, {@link FlowSnapshotConsumer}),
 * execution records out ({@code actions.executions}, {@link ExecutionRecordPublisher}, the Kafka side
 * of {@code flow/ExecutionRecordSink}, a plain producer fed from a bounded queue). Identity events and their retries
 * live in {@code events}, dead-letter administration in {@code deadletters}, raw Kafka clients in
 * {@code kafka}.
 */
package dev.openactions.executor.messaging;
