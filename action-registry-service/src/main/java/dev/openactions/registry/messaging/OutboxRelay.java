package dev.openactions.registry.messaging;

import dev.openactions.registry.config.RegistryConfig;
import dev.openactions.registry.domain.OutboxEntity;
import dev.openactions.registry.repository.OutboxRepository;
import dev.openactions.registry.service.OutboxWritten;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Moves outbox rows to Kafka, oldest first, and marks them published only after the broker
 * acknowledged them (at-least-once; consumers ignore stale revisions). Woken right after a commit
 * that wrote rows, and polled as a safety net for rows a crash or an outage left behind.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final MutinyEmitter<String> flows;
    private final RegistryConfig config;
    private final ExecutorService wakeups = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
    private final AtomicBoolean wakeupPending = new AtomicBoolean();

    OutboxRelay(
            OutboxRepository outbox,
            @Channel(Channels.ACTIONS_FLOWS) MutinyEmitter<String> flows,
            RegistryConfig config,
            MeterRegistry metrics) {
        this.outbox = outbox;
        this.flows = flows;
        this.config = config;
        metrics.gauge("registry.outbox.unpublished", this, relay -> relay.unpublishedOrMinusOne());
    }

    void onWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        if (wakeupPending.compareAndSet(false, true)) {
            wakeups.submit(() -> {
                wakeupPending.set(false);
                relayAll();
            });
        }
    }

    @Scheduled(
            every = "${registry.outbox.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        relayAll();
    }

    /** Relays batches until the outbox is empty or the broker refuses. */
    public synchronized void relayAll() {
        try {
            while (relayBatch() == config.outbox().batchSize()) {
                // a full batch: there may be more
            }
        } catch (RuntimeException e) {
            LOG.warnf("Outbox relay paused, will retry: %s", e.getMessage());
        }
    }

    @Transactional
    int relayBatch() {
        List<OutboxEntity> batch = outbox.lockNextBatch(config.outbox().batchSize());
        for (OutboxEntity row : batch) {
            flows.sendMessageAndAwait(Message.of(row.payload)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                            .withTopic(row.topic)
                            .withKey(row.recordKey)
                            .build()));
            row.publishedAt = Instant.now();
            LOG.debugf("Relayed outbox row %d to %s key %s", row.id, row.topic, row.recordKey);
        }
        return batch.size();
    }

    private double unpublishedOrMinusOne() {
        try {
            return countUnpublished();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Transactional
    long countUnpublished() {
        return outbox.countUnpublished();
    }

    void shutdown(@Observes ShutdownEvent event) {
        wakeups.shutdownNow();
    }
}
