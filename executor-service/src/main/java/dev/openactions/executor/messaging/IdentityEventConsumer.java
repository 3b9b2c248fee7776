package dev.openactions.executor.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openactions.contracts.TriggerId;
import dev.openactions.executor.flow.FlowResult;
import dev.openactions.executor.flow.FlowRunner;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Runs the asynchronous triggers from identity events. Records of one key (one user) are processed
 * in order; a record that fails is handed to the connector's failure strategy (dead-letter topic).
 */
@ApplicationScoped
public class IdentityEventConsumer {
    private static final Logger LOG = Logger.getLogger(IdentityEventConsumer.class);

    private final FlowRunner runner;
    private final ObjectMapper json;

    IdentityEventConsumer(FlowRunner runner, ObjectMapper json) {
        this.runner = runner;
        this.json = json;
    }

    @Incoming(Channels.USER_REGISTERED)
    @Blocking(ordered = true)
    public void userRegistered(ConsumerRecord<String, String> record) {
        handle(TriggerId.POST_USER_REGISTRATION, record);
    }

    @Incoming(Channels.PASSWORD_CHANGED)
    @Blocking(ordered = true)
    public void passwordChanged(ConsumerRecord<String, String> record) {
        handle(TriggerId.POST_CHANGE_PASSWORD, record);
    }

    private void handle(TriggerId trigger, ConsumerRecord<String, String> record) {
        IdentityEvent event = IdentityEvent.parse(json, record.key(), record.value(), record.headers());
        ObjectNode flowEvent = event.data().deepCopy();
        // Actions get the event id so that their own side effects can be made idempotent.
        ObjectNode transaction = flowEvent.path("transaction").isObject() ? (ObjectNode) flowEvent.get("transaction") : flowEvent.putObject("transaction");
        transaction.put("id", event.id());
        FlowResult result = runner.run(event.tenantId(), trigger, flowEvent, event.id());
        LOG.infof("%s event %s of tenant %s: %s (%d action(s))", trigger.id(), event.id(), event.tenantId(),
                result.status().name().toLowerCase(java.util.Locale.ROOT), result.results().size());
        if (result.status() == FlowResult.Status.FAILED) {
            throw new FlowFailed(trigger.id() + " flow failed for event " + event.id());
        }
    }

    /** A failed asynchronous flow: the record goes to the dead-letter topic. */
    static final class FlowFailed extends RuntimeException {
        FlowFailed(String message) {
            super(message);
        }
    }
}
