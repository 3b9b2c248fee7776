package dev.openactions.executor.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.ExecutionRecord;
import dev.openactions.executor.flow.ExecutionRecordSink;
import dev.openactions.executor.flow.WarmupFlow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Sends execution records to actions.executions, asynchronously: a login never waits for Kafka, and
 * a record that cannot be sent (broker down, buffer full) is counted and logged, never fatal.
 */
@ApplicationScoped
public class ExecutionRecordPublisher implements ExecutionRecordSink {
    private static final Logger LOG = Logger.getLogger(ExecutionRecordPublisher.class);

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;
    private final Counter dropped;

    ExecutionRecordPublisher(
            @Channel(Channels.EXECUTIONS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
                    MutinyEmitter<String> emitter,
            ObjectMapper json,
            MeterRegistry metrics) {
        this.emitter = emitter;
        this.json = json;
        this.dropped = metrics.counter("executor.execution_records.dropped");
    }

    @Override
    public void publish(String key, ExecutionRecord record) {
        try {
            String payload = json.writeValueAsString(record);
            if (WarmupFlow.isWarmup(record.tenantId())) {
                return; // serialized like any record (that is what the warm-up warms), never sent
            }
            Message<String> message = Message.of(payload)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                            .withKey(key)
                            .build());
            emitter.sendMessage(message).subscribe().with(ok -> {}, failure -> drop(record, failure));
        } catch (JsonProcessingException | RuntimeException e) {
            drop(record, e);
        }
    }

    private void drop(ExecutionRecord record, Throwable cause) {
        dropped.increment();
        LOG.warnf("Execution record %s not published: %s", record.id(), cause.getMessage());
    }
}
