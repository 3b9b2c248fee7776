package dev.openactions.executor.deadletters;

import java.util.List;
import java.util.Optional;

/**
 * The identity topics whose dead letters are administered here, each with its dead-letter topic.
 * Declared here and implemented by the identity events' side, which knows the configured channels,
 * so dead-letter administration does not import the Kafka consumers above it.
 */
public interface DeadLetterTopics {

    /** An identity topic and the topic its dead letters go to. */
    record Pair(String topic, String deadLetterTopic) {}

    List<Pair> deadLetterTopics();

    /** The identity topic a record of this topic (the identity topic itself, its retry or its dead-letter topic) belongs to. */
    Optional<String> identityTopicOf(String topic);
}
