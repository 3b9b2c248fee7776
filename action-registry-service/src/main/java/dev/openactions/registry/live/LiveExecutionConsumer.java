package dev.openactions.registry.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.ExecutionRecord;
import dev.openactions.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads actions.executions for this replica's live streams. Unlike the storing consumer (one group
 * for all replicas), every replica reads every record in a consumer group of its own, from the
 * newest offset: a user's stream may be open on any replica. Records are checked as the storing
 * consumer checks them (the key must name the body's tenant) before reaching anyone.
 */
@ApplicationScoped
public class LiveExecutionConsumer {
    private static final Logger LOG = Logger.getLogger(LiveExecutionConsumer.class);
    static final String CHANNEL = "live-executions";

    private final ExecutionFeed feed;
    private final ObjectMapper json;

    LiveExecutionConsumer(ExecutionFeed feed, ObjectMapper json) {
        this.feed = feed;
        this.json = json;
    }

    @Incoming(CHANNEL)
    public void consume(ConsumerRecord<String, String> record) {
        ExecutionRecord execution;
        try {
            execution = json.readValue(record.value(), ExecutionRecord.class);
        } catch (Exception e) {
            LOG.debugf(
                    "Live stream skips an unreadable record at %s-%d@%d",
                    record.topic(), record.partition(), record.offset());
            return;
        }
        if (execution == null
                || execution.id() == null
                || execution.tenantId() == null
                || execution.triggerId() == null
                || (record.key() != null && !record.key().equals(Topics.key(execution.tenantId(), execution.id())))) {
            return;
        }
        feed.publish(execution.tenantId(), LiveExecution.from(execution));
    }
}
