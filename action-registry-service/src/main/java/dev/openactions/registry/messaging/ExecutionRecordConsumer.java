package dev.openactions.registry.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.ExecutionRecord;
import dev.openactions.contracts.Topics;
import dev.openactions.registry.service.ExecutionService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Stores the execution records the executor publishes to actions.executions (consumer group
 * {@code action-registry}, so each record is stored by one replica). A record that cannot be read,
 * or whose key names another tenant than its body, is logged and skipped: it can never become
 * readable, and must not block the partition. A database failure fails the channel instead, so
 * the record is consumed again after a restart.
 */
@ApplicationScoped
public class ExecutionRecordConsumer {
    private static final Logger LOG = Logger.getLogger(ExecutionRecordConsumer.class);

    private final ExecutionService executions;
    private final ObjectMapper json;

    ExecutionRecordConsumer(ExecutionService executions, ObjectMapper json) {
        this.executions = executions;
        this.json = json;
    }

    @Incoming(Channels.ACTIONS_EXECUTIONS)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        ExecutionRecord execution;
        try {
            execution = json.readValue(record.value(), ExecutionRecord.class);
        } catch (JsonProcessingException e) {
            LOG.warnf("Skipping unreadable execution record at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getOriginalMessage());
            return;
        } catch (IllegalArgumentException e) {
            LOG.warnf("Skipping unreadable execution record at %s-%d@%d", record.topic(), record.partition(), record.offset());
            return;
        }
        if (execution == null || blank(execution.id()) || blank(execution.tenantId()) || blank(execution.triggerId())
                || execution.id().length() > 64 || execution.tenantId().length() > 64 || execution.triggerId().length() > 64) {
            LOG.warnf("Skipping execution record without a valid id, tenant_id or trigger_id at %s-%d@%d", record.topic(),
                    record.partition(), record.offset());
            return;
        }
        if (record.key() != null && !record.key().equals(Topics.key(execution.tenantId(), execution.id()))) {
            LOG.warnf("Skipping execution record whose key %s does not match tenant %s and id %s", record.key(),
                    execution.tenantId(), execution.id());
            return;
        }
        executions.store(execution);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
