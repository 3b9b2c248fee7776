package dev.openactions.registry.messaging;

import dev.openactions.contracts.Topics;
import dev.openactions.registry.config.RegistryConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates {@code actions.flows} as a compacted topic when it is missing, so a local or test broker
 * behaves like production. Where Strimzi manages topics, set {@code registry.kafka.create-topics=false}.
 */
@ApplicationScoped
public class TopicInitializer {
    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);

    void onStart(
            @Observes StartupEvent event,
            RegistryConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            KafkaSecurity kafkaSecurity) {
        if (!config.kafka().createTopics()) {
            return;
        }
        NewTopic flows = new NewTopic(Topics.ACTIONS_FLOWS, config.kafka().flowsPartitions(), (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        // the connectors' kafka.* settings (SASL/TLS in production) apply to the admin client as well
        Map<String, Object> settings = kafkaSecurity.with(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                15000));
        try (AdminClient admin = AdminClient.create(settings)) {
            admin.createTopics(List.of(flows)).all().get(20, TimeUnit.SECONDS);
            LOG.infof("Created compacted topic %s", Topics.ACTIONS_FLOWS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                LOG.debugf("Topic %s already exists", Topics.ACTIONS_FLOWS);
            } else {
                LOG.warnf(
                        "Could not create topic %s (the outbox keeps snapshots until the broker accepts them): %s",
                        Topics.ACTIONS_FLOWS, e.getCause().getMessage());
            }
        } catch (TimeoutException e) {
            LOG.warnf("Timed out creating topic %s; the broker may be down", Topics.ACTIONS_FLOWS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
