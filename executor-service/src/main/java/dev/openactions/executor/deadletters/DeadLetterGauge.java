package dev.openactions.executor.deadletters;

import dev.openactions.executor.kafka.KafkaClients;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The size of each dead-letter topic (records between its earliest and latest offsets), as gauge
 * {@code executor.events.dead_letter.records{topic}}: what an alert on "DLQ not empty" watches.
 * Refreshed in the background, so a scrape never waits for Kafka.
 */
@Startup
@ApplicationScoped
public class DeadLetterGauge {
    private static final Logger LOG = Logger.getLogger(DeadLetterGauge.class);

    private final DeadLetterTopics identityTopics;
    private final KafkaClients kafka;
    private final Map<String, AtomicLong> sizes = new ConcurrentHashMap<>();
    private Admin admin;

    DeadLetterGauge(DeadLetterTopics identityTopics, MeterRegistry metrics, KafkaClients kafka) {
        this.identityTopics = identityTopics;
        this.kafka = kafka;
        for (DeadLetterTopics.Pair channel : identityTopics.deadLetterTopics()) {
            AtomicLong size = new AtomicLong();
            sizes.put(channel.deadLetterTopic(), size);
            Gauge.builder("executor.events.dead_letter.records", size, AtomicLong::get)
                    .tag("topic", channel.deadLetterTopic())
                    .description("Records in the dead-letter topic")
                    .register(metrics);
        }
    }

    @Scheduled(every = "30s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void refresh() {
        try {
            if (admin == null) {
                admin = kafka.admin(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
            }
            List<String> topics = identityTopics.deadLetterTopics().stream()
                    .map(DeadLetterTopics.Pair::deadLetterTopic)
                    .toList();
            Map<String, TopicDescription> descriptions =
                    admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            descriptions
                    .values()
                    .forEach(d -> d.partitions().forEach(p -> {
                        earliest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.earliest());
                        latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
                    }));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> from =
                    admin.listOffsets(earliest).all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> to =
                    admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            Map<String, Long> totals = new HashMap<>();
            to.forEach((partition, end) -> totals.merge(
                    partition.topic(), end.offset() - from.get(partition).offset(), Long::sum));
            totals.forEach((topic, total) -> sizes.get(topic).set(total));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debugf("Dead-letter topic sizes not refreshed: %s", e.getMessage());
        }
    }

    synchronized void close(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
