/**
 * Identity events from the auth server run the asynchronous triggers effectively once (ADR 0007):
 * the consumer and its polled batches, the retry topics with their backoff, the failure headers and
 * the startup creation of the identity, retry and dead-letter topics.
 */
package dev.openactions.executor.events;
