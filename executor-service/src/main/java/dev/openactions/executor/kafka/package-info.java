/**
 * Kafka plumbing: the connection security taken from the service's Kafka settings and the one
 * factory for the raw clients the messaging connector does not manage.
 */
package dev.openactions.executor.kafka;
