package dev.openactions.executor.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.FlowSnapshot;
import dev.openactions.contracts.Topics;
import dev.openactions.executor.flow.FlowView;
import dev.openactions.executor.kafka.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Materialises {@code actions.flows} into the {@link FlowView}. Every replica reads the whole
 * compacted topic from the beginning (no consumer group: each needs every flow), and reports itself
 * caught up once it has read up to the end offsets it saw on start; readiness waits for that, so a
 * fresh replica never answers a login with an empty flow.
 */
@ApplicationScoped
public class FlowSnapshotConsumer {
    private static final Logger LOG = Logger.getLogger(FlowSnapshotConsumer.class);
    private static final Duration PARTITION_REFRESH = Duration.ofSeconds(10);

    private final FlowView view;
    private final ObjectMapper json;
    private final KafkaClients kafka;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean caughtUp;
    private volatile Throwable lastError;
    private KafkaConsumer<String, String> consumer;
    private Thread thread;

    FlowSnapshotConsumer(FlowView view, ObjectMapper json, KafkaClients kafka) {
        this.view = view;
        this.json = json;
        this.kafka = kafka;
    }

    void start(@Observes StartupEvent event) {
        consumer = kafka.consumer(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "executor-flows-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"));
        running.set(true);
        thread = Thread.ofPlatform().name("flow-snapshots").daemon().start(this::loop);
    }

    private void loop() {
        Map<TopicPartition, Long> startEnd = null;
        long lastRefresh = 0;
        List<TopicPartition> assigned = List.of();
        while (running.get()) {
            try {
                if (assigned.isEmpty() || System.nanoTime() - lastRefresh > PARTITION_REFRESH.toNanos()) {
                    List<TopicPartition> partitions = partitions();
                    lastRefresh = System.nanoTime();
                    if (!partitions.equals(assigned)) {
                        List<TopicPartition> added = partitions.stream()
                                .filter(p -> !consumerAssigned(p))
                                .toList();
                        consumer.assign(partitions);
                        consumer.seekToBeginning(added);
                        assigned = partitions;
                    }
                    if (startEnd == null) {
                        startEnd = partitions.isEmpty() ? Map.of() : consumer.endOffsets(partitions);
                    }
                }
                if (assigned.isEmpty()) {
                    markCaughtUp("topic " + Topics.ACTIONS_FLOWS + " does not exist yet");
                    Thread.sleep(500);
                    continue;
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                if (!caughtUp && startEnd != null && reached(startEnd)) {
                    markCaughtUp(view.size() + " flows loaded");
                }
                lastError = null;
            } catch (WakeupException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                if (lastError == null) {
                    LOG.warnf("Reading %s failed, retrying: %s", Topics.ACTIONS_FLOWS, e.getMessage());
                }
                lastError = e;
                sleepQuietly();
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    private boolean consumerAssigned(TopicPartition partition) {
        return consumer.assignment().contains(partition);
    }

    private List<TopicPartition> partitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.ACTIONS_FLOWS, Duration.ofSeconds(5));
        if (infos == null) {
            return List.of();
        }
        return infos.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }

    private boolean reached(Map<TopicPartition, Long> endOffsets) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : endOffsets.keySet()) {
            positions.put(partition, consumer.position(partition, Duration.ofSeconds(5)));
        }
        return endOffsets.entrySet().stream().allMatch(e -> positions.get(e.getKey()) >= e.getValue());
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            view.remove(record.key());
            return;
        }
        try {
            FlowSnapshot snapshot = json.readValue(record.value(), FlowSnapshot.class);
            view.apply(snapshot);
            LOG.debugf(
                    "Flow %s revision %d: %d action(s)",
                    record.key(), snapshot.revision(), snapshot.actions().size());
        } catch (IOException e) {
            LOG.errorf(
                    "Skipping unreadable flow snapshot at %s-%d@%d: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    private void markCaughtUp(String detail) {
        if (!caughtUp) {
            caughtUp = true;
            LOG.infof("Flow view caught up: %s", detail);
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    public boolean healthy() {
        return lastError == null;
    }

    void stop(@Observes ShutdownEvent event) {
        running.set(false);
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
