package dev.openactions.executor.events;

import dev.openactions.executor.config.EventsConfig;
import dev.openactions.executor.kafka.KafkaClients;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates the identity topics, their retry topics and dead-letter topics before the consumers
 * subscribe (local runs, tests; Strimzi owns them in Kubernetes). A retry topic gets as many
 * partitions as its identity topic, so retries spread over the group like the events themselves.
 */
@ApplicationScoped
public class EventTopics {
    private static final Logger LOG = Logger.getLogger(EventTopics.class);

    private final EventChannels channels;
    private final EventsConfig config;
    private final KafkaClients kafka;

    EventTopics(EventChannels channels, EventsConfig config, KafkaClients kafka) {
        this.channels = channels;
        this.config = config;
        this.kafka = kafka;
    }

    // before the messaging channels start (they observe StartupEvent too)
    void create(@Observes @Priority(1) StartupEvent event) {
        if (!config.createTopics()) {
            return;
        }
        try (Admin admin = kafka.admin(Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                15_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000))) {
            for (EventChannels.Channel channel : channels.all()) {
                createIfAbsent(admin, channel.topic(), config.partitions());
                int partitions = partitionsOf(admin, channel.topic());
                createIfAbsent(admin, channel.retryTopic(), partitions);
                createIfAbsent(admin, channel.deadLetterTopic(), 1);
            }
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            // not fatal: the broker may come later; topics are then auto-created or made by the operator
            LOG.warnf("Could not create the identity topics: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void createIfAbsent(Admin admin, String topic, int partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) -1)))
                    .all()
                    .get(15, TimeUnit.SECONDS);
            LOG.infof("Created topic %s (%d partitions)", topic, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static int partitionsOf(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> descriptions =
                admin.describeTopics(Set.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS);
        return new ArrayList<>(descriptions.values()).get(0).partitions().size();
    }
}
