package dev.openactions.registry.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Execution records the database refuses, kept on {@code actions.executions.dlq} as they arrived
 * (key, value, and the origin in headers) for an operator to inspect, instead of stopping the
 * consumer or being dropped without trace.
 */
@ApplicationScoped
public class ExecutionDeadLetters {
    private final MutinyEmitter<String> emitter;

    ExecutionDeadLetters(@Channel(Channels.ACTIONS_EXECUTIONS_DLQ) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Sends the record and waits for the broker's acknowledgement. */
    public void send(ConsumerRecord<String, String> record) {
        KafkaRecord<String, String> dead = KafkaRecord.of(record.key(), record.value())
                .withHeader("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8))
                .withHeader(
                        "dead-letter-partition",
                        Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8))
                .withHeader("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8))
                .withHeader("dead-letter-reason", "refused-by-database".getBytes(StandardCharsets.UTF_8));
        emitter.sendMessageAndAwait(dead);
    }
}
