package dev.openactions.secrets.service;

import dev.openactions.secrets.domain.AuditEventEntity;
import dev.openactions.secrets.domain.AuditEventEntity.Action;
import dev.openactions.secrets.domain.AuditEventEntity.Outcome;
import dev.openactions.secrets.repository.AuditEventRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Records every decrypt and every change of secrets. A successful operation writes its entry in its
 * own transaction, so the change and its trace commit together (and a decrypt whose entry cannot be
 * written returns nothing); a failed decrypt is recorded in a transaction of its own.
 */
@ApplicationScoped
public class AuditTrail {
    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

    private final AuditEventRepository repository;

    AuditTrail(AuditEventRepository repository) {
        this.repository = repository;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void record(String tenantId, String ownerId, Action action, List<String> names, String caller) {
        repository.persist(entity(tenantId, ownerId, action, Outcome.SUCCESS, names, caller, null));
    }

    /** Records a failed operation even though the caller's transaction rolls back. Never throws. */
    void recordFailure(
            String tenantId, String ownerId, Action action, List<String> names, String caller, String detail) {
        try {
            QuarkusTransaction.requiringNew()
                    .run(() -> repository.persist(
                            entity(tenantId, ownerId, action, Outcome.FAILURE, names, caller, detail)));
        } catch (RuntimeException e) {
            LOG.errorf(
                    "Could not record the failed %s of %s/%s by %s in the audit trail: %s",
                    action, tenantId, ownerId, caller, e.getMessage());
        }
    }

    @Transactional
    public AuditEvent.Page page(String tenantId, String ownerId, int page, int perPage) {
        var query = repository.findByTenant(tenantId, ownerId).page(Page.of(page, perPage));
        return new AuditEvent.Page(query.list().stream().map(AuditEvent::from).toList(), page, perPage, query.count());
    }

    private static AuditEventEntity entity(
            String tenantId,
            String ownerId,
            Action action,
            Outcome outcome,
            List<String> names,
            String caller,
            String detail) {
        AuditEventEntity event = new AuditEventEntity();
        event.occurredAt = Instant.now();
        event.tenantId = tenantId;
        event.ownerId = ownerId;
        event.action = action;
        event.outcome = outcome;
        event.names = names.stream().sorted().toList();
        event.caller = caller;
        event.detail = detail;
        return event;
    }
}
