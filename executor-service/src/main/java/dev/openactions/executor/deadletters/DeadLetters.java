package dev.openactions.executor.deadletters;

import dev.openactions.executor.config.EventsConfig;
import dev.openactions.executor.kafka.KafkaClients;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Reads the dead-letter topics and puts events back on their identity topic. Kafka topics are
 * append-only: a replayed record stays in the dead-letter topic, and the processed-events store is
 * what keeps a second replay of an event that has since completed from running it again.
 */
@ApplicationScoped
public class DeadLetters {

    /** One dead-lettered record as read from {@code <topic>.dlq}. */
    public record Entry(
            String deadLetterTopic,
            int partition,
            long offset,
            String key,
            String eventId,
            String tenantId,
            String kind,
            String reason,
            Integer attempts,
            String action,
            String originalTopic,
            Integer originalPartition,
            Long originalOffset,
            Instant deadLetteredAt) {}

    private final DeadLetterTopics identityTopics;
    private final EventsConfig config;
    private final KafkaClients kafka;

    DeadLetters(DeadLetterTopics identityTopics, EventsConfig config, KafkaClients kafka) {
        this.identityTopics = identityTopics;
        this.config = config;
        this.kafka = kafka;
    }

    /** Every dead-lettered record of the identity topics (all of them, or the one whose identity topic is given). */
    public List<Entry> list(String topic) {
        return read(topic).stream().map(DeadLetters::entry).toList();
    }

    /**
     * Puts dead-lettered events back on their identity topic with their key, value and producer
     * headers (failure headers dropped, so attempts start again from one).
     *
     * @param eventIds only these events; all when empty
     */
    public List<Entry> replay(String topic, Collection<String> eventIds) {
        List<ConsumerRecord<String, String>> records = read(topic).stream()
                .filter(r -> eventIds.isEmpty()
                        || eventIds.contains(DeadLetterHeaders.last(r.headers(), DeadLetterHeaders.EVENT_ID)))
                .toList();
        if (records.isEmpty()) {
            return List.of();
        }
        List<Entry> replayed = new ArrayList<>();
        try (KafkaProducer<String, String> producer = kafka.producer(
                Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"))) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            String now = Instant.now().toString();
            for (ConsumerRecord<String, String> record : records) {
                Entry entry = entry(record);
                String target = entry.originalTopic() != null
                        ? entry.originalTopic()
                        : identityTopics.identityTopicOf(record.topic()).orElseThrow();
                ProducerRecord<String, String> out = new ProducerRecord<>(target, record.key(), record.value());
                for (Header header : record.headers()) {
                    if (!DeadLetterHeaders.isBookkeeping(header.key())) {
                        out.headers().add(header);
                    }
                }
                out.headers().add(DeadLetterHeaders.REPLAYED_AT, now.getBytes(StandardCharsets.UTF_8));
                sent.add(producer.send(out));
                replayed.add(entry);
            }
            for (Future<RecordMetadata> future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnavailable("replaying to Kafka failed: " + e.getMessage());
        }
        return replayed;
    }

    private List<ConsumerRecord<String, String>> read(String topic) {
        List<String> topics = identityTopics.deadLetterTopics().stream()
                .filter(c -> topic == null
                        || c.topic().equals(topic)
                        || c.deadLetterTopic().equals(topic))
                .map(DeadLetterTopics.Pair::deadLetterTopic)
                .toList();
        if (topics.isEmpty()) {
            throw new UnknownTopic("'" + topic + "' is not an identity topic");
        }
        Duration timeout = config.replayReadTimeout();
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = kafka.consumer(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "executor-dead-letters-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String dlq : topics) {
                var infos = consumer.partitionsFor(dlq, timeout);
                if (infos != null) {
                    infos.forEach(p -> partitions.add(new TopicPartition(dlq, p.partition())));
                }
            }
            if (partitions.isEmpty()) {
                return List.of();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Instant deadline = Instant.now().plus(timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new KafkaUnavailable(
                            "the dead-letter topics could not be read to their end within " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        records.add(r);
                    }
                });
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new KafkaUnavailable("Kafka is unreachable: " + e.getMessage());
        }
        return records;
    }

    private static Entry entry(ConsumerRecord<String, String> r) {
        var h = r.headers();
        return new Entry(
                r.topic(),
                r.partition(),
                r.offset(),
                r.key(),
                DeadLetterHeaders.last(h, DeadLetterHeaders.EVENT_ID),
                DeadLetterHeaders.last(h, DeadLetterHeaders.TENANT),
                DeadLetterHeaders.last(h, DeadLetterHeaders.KIND),
                DeadLetterHeaders.last(h, DeadLetterHeaders.REASON),
                integer(DeadLetterHeaders.last(h, DeadLetterHeaders.ATTEMPTS)),
                DeadLetterHeaders.last(h, DeadLetterHeaders.ACTION),
                DeadLetterHeaders.last(h, DeadLetterHeaders.ORIGINAL_TOPIC),
                integer(DeadLetterHeaders.last(h, DeadLetterHeaders.ORIGINAL_PARTITION)),
                longValue(DeadLetterHeaders.last(h, DeadLetterHeaders.ORIGINAL_OFFSET)),
                Instant.ofEpochMilli(r.timestamp()));
    }

    private static Integer integer(String value) {
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longValue(String value) {
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The topic named is not an identity topic or its dead-letter topic. */
    public static final class UnknownTopic extends RuntimeException {
        UnknownTopic(String message) {
            super(message);
        }
    }

    /** Kafka could not be read or written in time. */
    public static final class KafkaUnavailable extends RuntimeException {
        KafkaUnavailable(String message) {
            super(message);
        }
    }
}
