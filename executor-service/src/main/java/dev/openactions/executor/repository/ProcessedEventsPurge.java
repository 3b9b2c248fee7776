package dev.openactions.executor.repository;

import dev.openactions.executor.config.EventsConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Keeps the processed-events table bounded: ids older than {@code executor.events.retention} are
 * deleted. The retention must exceed how long events can come back (topic and dead-letter topic
 * retention), or a replay of an older event would run it again (ADR 0007).
 */
@ApplicationScoped
public class ProcessedEventsPurge {
    private static final Logger LOG = Logger.getLogger(ProcessedEventsPurge.class);
    private static final int BATCH = 5000;

    private final ProcessedEvents processed;
    private final EventsConfig config;

    ProcessedEventsPurge(ProcessedEvents processed, EventsConfig config) {
        this.processed = processed;
        this.config = config;
    }

    @Scheduled(
            every = "${executor.events.purge-interval:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant cutoff = Instant.now().minus(config.retention());
        try {
            int total = 0;
            int deleted;
            do {
                deleted = processed.purgeOlderThan(cutoff, BATCH);
                total += deleted;
            } while (deleted == BATCH);
            if (total > 0) {
                LOG.infof("Purged %d processed event id(s) completed before %s", total, cutoff);
            }
        } catch (ProcessedEvents.StoreUnavailable e) {
            LOG.warnf("Purging processed event ids failed, will retry: %s", e.getMessage());
        }
    }
}
