package dev.openactions.registry.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.ExecutionRecord;
import dev.openactions.contracts.Topics;
import dev.openactions.registry.service.ExecutionService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.exception.DataException;
import org.jboss.logging.Logger;

/**
 * Stores the execution records the executor publishes to actions.executions (consumer group
 * {@code action-registry}, so each record is stored by one replica). No record can stop the
 * consumer for every tenant: strings PostgreSQL cannot store (NUL, lone surrogates — an action's
 * logs are free text) are replaced before storing; a record that still cannot be stored (the
 * database refuses its data) goes to {@code actions.executions.dlq}; a record that cannot be read,
 * or whose key names another tenant than its body, is logged and skipped. Only a failure that may
 * pass (the database is down) fails the channel, so the record is consumed again after a restart.
 */
@ApplicationScoped
public class ExecutionRecordConsumer {
    private static final Logger LOG = Logger.getLogger(ExecutionRecordConsumer.class);

    private final ExecutionService executions;
    private final ObjectMapper json;
    private final ExecutionDeadLetters deadLetters;

    ExecutionRecordConsumer(ExecutionService executions, ObjectMapper json, ExecutionDeadLetters deadLetters) {
        this.executions = executions;
        this.json = json;
        this.deadLetters = deadLetters;
    }

    @Incoming(Channels.ACTIONS_EXECUTIONS)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        ExecutionRecord execution;
        try {
            JsonNode tree = json.readTree(record.value());
            if (JsonSanitizer.sanitize(tree)) {
                LOG.debugf(
                        "Replaced characters PostgreSQL cannot store in execution record at %s-%d@%d",
                        record.topic(), record.partition(), record.offset());
            }
            execution = json.treeToValue(tree, ExecutionRecord.class);
        } catch (JsonProcessingException e) {
            LOG.warnf(
                    "Skipping unreadable execution record at %s-%d@%d: %s",
                    record.topic(), record.partition(), record.offset(), e.getOriginalMessage());
            return;
        } catch (IllegalArgumentException e) {
            LOG.warnf(
                    "Skipping unreadable execution record at %s-%d@%d",
                    record.topic(), record.partition(), record.offset());
            return;
        }
        if (execution == null
                || blank(execution.id())
                || blank(execution.tenantId())
                || blank(execution.triggerId())
                || execution.id().length() > 64
                || execution.tenantId().length() > 64
                || execution.triggerId().length() > 64) {
            LOG.warnf(
                    "Skipping execution record without a valid id, tenant_id or trigger_id at %s-%d@%d",
                    record.topic(), record.partition(), record.offset());
            return;
        }
        if (record.key() != null && !record.key().equals(Topics.key(execution.tenantId(), execution.id()))) {
            LOG.warnf(
                    "Skipping execution record whose key %s does not match tenant %s and id %s",
                    record.key(), execution.tenantId(), execution.id());
            return;
        }
        try {
            executions.store(execution);
        } catch (RuntimeException e) {
            if (!refusedData(e)) {
                throw e;
            }
            LOG.warnf(
                    "Execution record %s of tenant %s at %s-%d@%d was refused by the database; dead-lettered",
                    execution.id(), execution.tenantId(), record.topic(), record.partition(), record.offset());
            deadLetters.send(record);
        }
    }

    /** The database refused this record's data (SQL state class 22 data exception, 23 integrity): retrying cannot help. */
    static boolean refusedData(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
            if (cause instanceof DataException) {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
