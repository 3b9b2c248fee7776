package dev.openactions.registry.service;

/**
 * Fired in a transaction that wrote outbox rows; observed after that transaction commits by whoever
 * relays the outbox (the messaging side), so the rows reach Kafka without waiting for the next poll.
 * Declared here, next to its writer, so that the service layer never imports the messaging layer.
 */
public record OutboxWritten() {}
