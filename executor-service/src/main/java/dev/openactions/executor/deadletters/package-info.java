/**
 * Operators' side of the identity events' dead-letter topics: reading and replaying them, and the
 * gauge of how many records each holds.
 */
package dev.openactions.executor.deadletters;
