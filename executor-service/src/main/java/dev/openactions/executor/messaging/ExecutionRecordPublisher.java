package dev.openactions.executor.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.contracts.ExecutionRecord;
import dev.openactions.contracts.Topics;
import dev.openactions.executor.config.ExecutorConfig;
import dev.openactions.executor.flow.ExecutionRecordSink;
import dev.openactions.executor.flow.WarmupFlow;
import dev.openactions.executor.kafka.KafkaClients;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Sends execution records to actions.executions off the flow's path: {@link #publish} only puts the
 * record on a bounded queue (a login never waits for Kafka, nor for JSON); one sender thread
 * serializes what is queued and hands it to a Kafka producer, which batches it (linger). A record
 * that cannot be queued (queue full: the broker has been unreachable for a while) or sent is counted
 * and logged, never fatal.
 *
 * <p>A plain producer rather than a Reactive Messaging emitter: the emitter ran its whole pipeline
 * (context capture, Mutiny subscription, per-message metadata) on the caller's thread and every
 * completion callback on the producer's network thread — ~30 % of the executor's CPU per identity
 * event in the 2026-12-07 profile (BENCHMARKS.md).
 */
@ApplicationScoped
public class ExecutionRecordPublisher implements ExecutionRecordSink {
    private static final Logger LOG = Logger.getLogger(ExecutionRecordPublisher.class);
    private static final int DRAIN_MAX = 512;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private record Queued(String key, ExecutionRecord record) {}

    private final BlockingQueue<Queued> queue;
    private final ObjectMapper json;
    private final KafkaProducer<String, String> producer;
    private final Counter dropped;
    private final Thread sender;
    private volatile boolean running = true;

    ExecutionRecordPublisher(KafkaClients kafka, ObjectMapper json, MeterRegistry metrics, ExecutorConfig config) {
        ExecutorConfig.Records records = config.records();
        this.queue = new ArrayBlockingQueue<>(records.queueCapacity());
        this.json = json;
        this.dropped = metrics.counter("executor.execution_records.dropped");
        metrics.gaugeCollectionSize("executor.execution_records.queued", List.of(), queue);
        this.producer = kafka.producer(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, Long.toString(records.linger().toMillis()),
                ProducerConfig.CLIENT_ID_CONFIG, "executor-execution-records"));
        this.sender = Thread.ofPlatform().name("execution-records").daemon().start(this::sendQueued);
    }

    @Override
    public void publish(String key, ExecutionRecord record) {
        if (!queue.offer(new Queued(key, record))) {
            drop(record, "the queue of records to send is full");
        }
    }

    /** The sender thread: drains the queue in chunks until stopped and the queue is empty. */
    private void sendQueued() {
        List<Queued> chunk = new ArrayList<>(DRAIN_MAX);
        while (running || !queue.isEmpty()) {
            try {
                Queued first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                chunk.add(first);
                queue.drainTo(chunk, DRAIN_MAX - 1);
                chunk.forEach(this::send);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf("Sending execution records failed: %s", e.toString());
            } finally {
                chunk.clear();
            }
        }
    }

    private void send(Queued queued) {
        try {
            String payload = json.writeValueAsString(queued.record());
            if (WarmupFlow.isWarmup(queued.record().tenantId())) {
                return; // serialized like any record (that is what the warm-up warms), never sent
            }
            producer.send(
                    new ProducerRecord<>(Topics.ACTIONS_EXECUTIONS, queued.key(), payload), (metadata, failure) -> {
                        if (failure != null) {
                            drop(queued.record(), failure.getMessage());
                        }
                    });
        } catch (JsonProcessingException | RuntimeException e) {
            drop(queued.record(), e.getMessage());
        }
    }

    private void drop(ExecutionRecord record, String why) {
        dropped.increment();
        LOG.warnf("Execution record %s not published: %s", record.id(), why);
    }

    /** Sends what is queued and waits (bounded) for the broker before the service stops. */
    @PreDestroy
    void close() {
        running = false;
        try {
            sender.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(CLOSE_TIMEOUT);
    }
}
