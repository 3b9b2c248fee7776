package dev.openactions.registry.service;

import dev.openactions.contracts.ExecutionRecord;
import dev.openactions.registry.config.RegistryConfig;
import dev.openactions.registry.domain.ExecutionEntity;
import dev.openactions.registry.domain.RegistryException;
import dev.openactions.registry.repository.ExecutionRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import org.jboss.logging.Logger;

/** Execution records: stored as the executor reports them, served in Auth0's shape, purged when old. */
@ApplicationScoped
public class ExecutionService {
    private static final Logger LOG = Logger.getLogger(ExecutionService.class);

    private final ExecutionRepository executions;
    private final RegistryConfig config;

    ExecutionService(ExecutionRepository executions, RegistryConfig config) {
        this.executions = executions;
        this.config = config;
    }

    /** Stores (or, for a redelivered record, overwrites) one execution record. */
    @Transactional
    public void store(ExecutionRecord record) {
        Instant now = Instant.now();
        ExecutionEntity entity = executions
                .findForTenant(record.tenantId(), record.id())
                .orElseGet(() -> {
                    ExecutionEntity created = new ExecutionEntity();
                    created.tenantId = record.tenantId();
                    created.id = record.id();
                    return created;
                });
        entity.triggerId = record.triggerId();
        entity.status = record.status() == null ? "unknown" : record.status();
        entity.eventId = record.eventId();
        entity.results = new ArrayList<>(record.results().stream()
                .map(r -> new ExecutionEntity.ActionRun(
                        r.actionId(),
                        r.actionName(),
                        r.versionId(),
                        r.versionNumber(),
                        r.startedAt(),
                        r.endedAt(),
                        r.error(),
                        r.logs()))
                .toList());
        entity.createdAt = record.createdAt() == null ? now : record.createdAt();
        entity.updatedAt = record.updatedAt() == null ? entity.createdAt : record.updatedAt();
        entity.receivedAt = now;
        executions.persist(entity);
    }

    @Transactional
    public ExecutionView get(String tenantId, String id) {
        return executions
                .findForTenant(tenantId, id)
                .map(ExecutionView::of)
                .orElseThrow(() -> new RegistryException.NotFound("execution", id));
    }

    @Scheduled(
            every = "${registry.executions.purge-interval:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledPurge() {
        try {
            purgeExpired();
        } catch (RuntimeException e) {
            LOG.warnf("Purging old execution records failed, will retry: %s", e.getMessage());
        }
    }

    /** Deletes execution records older than the retention period. Returns how many. */
    @Transactional
    public long purgeExpired() {
        long deleted = executions.deleteCreatedBefore(
                Instant.now().minus(config.executions().retention()));
        if (deleted > 0) {
            LOG.infof(
                    "Purged %d execution record(s) older than %s",
                    deleted, config.executions().retention());
        }
        return deleted;
    }
}
